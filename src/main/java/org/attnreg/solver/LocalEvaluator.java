package org.attnreg.solver;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.LocalPassRunner;
import org.attnreg.stats.Problem;

/**
 * Passes over blocks held in this JVM, each inner list playing the part of one partition (merged in
 * order, as a distributed pass at tree depth 1 merges them). Used by tests, by the driver-side
 * analyses and for small data (then with a thread per core).
 */
public final class LocalEvaluator extends RunnerEvaluator {

  public LocalEvaluator(Problem problem, List<List<RowBlock>> partitions) {
    this(problem, partitions, 1);
  }

  /** Up to {@code threads} partitions folded at once; the result does not depend on the number. */
  public LocalEvaluator(Problem problem, List<List<RowBlock>> partitions, int threads) {
    super(problem, new LocalPassRunner<>(partitions, threads));
  }

  /** All blocks in a single partition. */
  public static LocalEvaluator of(Problem problem, List<RowBlock> blocks) {
    return new LocalEvaluator(problem, List.of(blocks));
  }
}
