package org.attnreg.analysis.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.LocalPassRunner;
import org.attnreg.stats.Problem;

/** Block pairs held in this JVM, each inner list one partition (merged in order): tests and small data. */
public final class LocalPerturbedData extends PerturbedData {
  private final List<List<BlockPair>> partitions;

  public LocalPerturbedData(Problem problem, List<List<BlockPair>> partitions) {
    super(problem, new LocalPassRunner<>(partitions));
    this.partitions = List.copyOf(partitions);
  }

  /** A's partitions paired with the random direction of {@link RandomPerturbation} for {@code seed}. */
  public static LocalPerturbedData random(Problem problem, List<List<RowBlock>> partitions, long seed) {
    List<List<BlockPair>> pairs = new ArrayList<>();
    for (List<RowBlock> part : partitions) {
      pairs.add(part.stream().map(a -> new BlockPair(a, RandomPerturbation.block(a, seed))).toList());
    }
    return new LocalPerturbedData(problem, pairs);
  }

  @Override
  public Evaluator original() {
    return new LocalEvaluator(problem(), map(0.0, false));
  }

  @Override
  public Evaluator perturbed(double t) {
    return new LocalEvaluator(problem(), map(t, true));
  }

  private List<List<RowBlock>> map(double t, boolean perturb) {
    return partitions.stream()
        .map(part -> part.stream().map(p -> perturb ? p.perturbed(t) : p.a()).toList())
        .toList();
  }
}
