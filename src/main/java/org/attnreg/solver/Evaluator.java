package org.attnreg.solver;

import org.attnreg.problem.InverseLinkFit;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;

/**
 * The solver's only view of the data. Each call is exactly one pass over the rows: locally over a
 * list of blocks, or as one Spark {@code treeAggregate}.
 */
public interface Evaluator {

  /** The dimension d. */
  int dimension();

  /** One value pass: loss and globals at every point of the batch. */
  EvaluatedPoint[] values(LineBatch batch, int iteration);

  /**
   * One derivative pass at x, with the globals from the value pass at the same x; the diagonal
   * Hessian part is accumulated as {@code curvature} says (exactly or sketched).
   */
  Derivatives derivatives(double[] x, double[] globals, int iteration, Curvature curvature);

  /**
   * One pass: the least-squares start {@code argmin Σ (a_i·x + c − f⁻¹(b_i))²} over the rows where
   * {@code f⁻¹(b_i)} is defined (see {@link LeastSquaresAggregate}), or null if there is none.
   */
  double[] leastSquaresStart(InverseLinkFit fit);
}
