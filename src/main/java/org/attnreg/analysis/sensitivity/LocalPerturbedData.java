package org.attnreg.analysis.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.LocalPassRunner;
import org.attnreg.stats.Problem;
import org.attnreg.stats.SensitivityPass;

/** Block pairs held in this JVM, each inner list one partition (merged in order): tests and small data. */
public final class LocalPerturbedData implements PerturbedData {
  private final Problem problem;
  private final List<List<BlockPair>> partitions;
  private final LocalPassRunner<BlockPair> pairPasses;

  public LocalPerturbedData(Problem problem, List<List<BlockPair>> partitions) {
    this.problem = problem;
    this.partitions = List.copyOf(partitions);
    this.pairPasses = new LocalPassRunner<>(partitions);
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
    return new LocalEvaluator(problem, map(0.0, false));
  }

  @Override
  public Evaluator perturbed(double t) {
    return new LocalEvaluator(problem, map(t, true));
  }

  private List<List<RowBlock>> map(double t, boolean perturb) {
    return partitions.stream()
        .map(part -> part.stream().map(p -> perturb ? p.perturbed(t) : p.a()).toList())
        .toList();
  }

  @Override
  public SensitivityPass sensitivity(double[] x, Globals globals) {
    return pairPasses.run(BlockPairPasses.sensitivity(problem, x, globals)).finish(x);
  }

  @Override
  public ResidualShiftAggregate residualShift(double[] x, ResidualShiftAggregate empty) {
    return pairPasses.run(BlockPairPasses.residualShift(x, empty));
  }
}
