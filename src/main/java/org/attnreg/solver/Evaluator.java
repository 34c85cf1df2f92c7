package org.attnreg.solver;

import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.ValueAggregate;

/**
 * The solver's only view of the data: a problem and passes over its row blocks. Each pass is exactly
 * one pass over the rows, locally over a list of blocks ({@link LocalEvaluator}) or as one Spark
 * aggregation; the value and derivative passes are the solver's vocabulary for the two kinds it runs
 * every iteration, any other pass is a {@link BlockPass} handed to {@link #pass}.
 */
public interface Evaluator {

  /** The family, the regulariser and the dimension every pass is taken of. */
  Problem problem();

  /** One pass over the blocks: the merged aggregate, for the caller to finish. */
  <P, A> A pass(BlockPass<RowBlock, P, A> pass);

  /** The dimension d. */
  default int dimension() {
    return problem().d();
  }

  /** One value pass: loss and globals at every point of the batch. */
  default EvaluatedPoint[] values(LineBatch batch, int iteration) {
    String name = "iteration " + iteration + ": value pass (" + batch.size() + (batch.size() == 1 ? " point)" : " points)");
    return pass(ValueAggregate.pass(problem(), batch, name)).finish(batch, problem().reg());
  }

  /**
   * One derivative pass at x, with the globals from the value pass at the same x; the diagonal
   * Hessian part is accumulated as {@code curvature} says (exactly or sketched).
   */
  default Derivatives derivatives(double[] x, Globals globals, int iteration, Curvature curvature) {
    String name = "iteration " + iteration + ": derivative pass (" + curvature.id() + ")";
    return pass(DerivativeAggregate.pass(problem(), x, globals, iteration, curvature, name)).finish(x);
  }
}
