package org.attnreg.solver;

import java.util.function.UnaryOperator;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.FusedAggregate;
import org.attnreg.stats.HessianProduct;
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

  /**
   * The exact Hessian at x (whose value pass gave {@code globals}) as an operator, each application
   * one pass, in the units of derivatives scaled by {@code e^{-logScale}} (see {@link HessianProduct}).
   *
   * @param lowRank the family's low-rank terms plus the ridge at x in those units, when known (the
   *     Hessian of a derivative pass without a Gram), else null
   */
  default UnaryOperator<double[]> hessianProducts(double[] x, Globals globals, int iteration, double logScale,
      double[] lowRank) {
    return new ExactProducts(this, x, globals, iteration, logScale, lowRank);
  }

  /**
   * One fused pass: the values at every point of the batch and, from the same pass over the rows,
   * the derivatives at point {@code derivativeIndex}, taken with {@code predicted} globals (those of
   * the current iterate) and corrected to that point's own (see {@link FusedAggregate}).
   *
   * @param iteration the iterate whose line search this is; the derivatives are those of iterate + 1
   *     (−1: a solve's first pass, at its start)
   */
  default FusedAggregate.Result valuesAndDerivatives(LineBatch batch, int derivativeIndex, Globals predicted,
      int iteration, Curvature curvature) {
    String name = (iteration < 0 ? "start" : "iteration " + iteration) + ": value pass (" + batch.size()
        + (batch.size() == 1 ? " point" : " points") + ") fused with the derivative pass of iteration " + (iteration + 1)
        + " (" + curvature.id() + ")";
    FusedAggregate.Batch b = new FusedAggregate.Batch(batch, derivativeIndex);
    return pass(FusedAggregate.pass(problem(), b, predicted, iteration + 1L, curvature, name)).finish(b, problem().reg());
  }

  /**
   * The derivative part of a fused pass on its own: the derivative pass at x with the
   * {@code predicted} globals, corrected to {@code exact} (x's own). Bit-identical to what the fused
   * pass delivered, which is how a resumed solve continues exactly; null where the correction is
   * refused.
   */
  default Derivatives correctedDerivatives(double[] x, Globals predicted, Globals exact, int iteration,
      Curvature curvature) {
    String name = "iteration " + iteration + ": derivative pass (" + curvature.id() + ", predicted globals)";
    return pass(DerivativeAggregate.pass(problem(), x, predicted, iteration, curvature, name)).finishCorrected(x, exact);
  }
}
