package org.attnreg.solver;

import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.PassRunner;
import org.attnreg.stats.Problem;

/**
 * An evaluator whose passes are run by one {@link PassRunner} over the row blocks; the subclasses
 * only say where the blocks live (in this JVM or in a Spark RDD).
 */
public abstract class RunnerEvaluator implements Evaluator {
  private final Problem problem;
  private final PassRunner<RowBlock> runner;

  protected RunnerEvaluator(Problem problem, PassRunner<RowBlock> runner) {
    this.problem = problem;
    this.runner = runner;
  }

  @Override
  public final Problem problem() {
    return problem;
  }

  @Override
  public final <P, A> A pass(BlockPass<RowBlock, P, A> pass) {
    return runner.run(pass);
  }
}
