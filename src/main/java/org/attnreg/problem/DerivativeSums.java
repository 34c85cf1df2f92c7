package org.attnreg.problem;

import java.io.Serializable;

/**
 * A family's derivative-pass terms at one point: the per-row weights of its d-vector sums
 * {@code Σ_i w_ik a_i} and of the Hessian Gram {@code Aᵀ diag(h) A}, its own scalar sums (named
 * fields of the implementing class), and the assembly of gradient and exact low-rank Hessian terms.
 * With the globals fixed by the value pass every term is a plain sum, so merging is addition.
 *
 * <p>Pieces may be scaled by {@code e^{-logScale}} (the rescaled families), which leaves the Newton
 * step unchanged and keeps every sum finite.
 */
public interface DerivativeSums extends Serializable {

  /** The number K of d-vector sums. */
  int vectors();

  /**
   * Rows {@code 0..n-1}: writes {@code vectorWeights[k][i]} (k &lt; K) and the data Hessian weight
   * {@code hessianWeights[i]}, and adds to the scalar sums.
   */
  void addRows(double[] z, double[] b, int n, double[][] vectorWeights, double[] hessianWeights);

  /** Adds another's scalar sums (same family, same point). */
  void merge(DerivativeSums other);

  /** The derivative pieces are {@code e^{-logScale}} times the true ones. */
  double logScale();

  /**
   * Driver: writes the (scaled) data gradient into {@code gradient} from the vector sums
   * {@code vectorSums[k] = Aᵀ w_k}, and adds the exact low-rank Hessian terms to {@code hessian}
   * (row-major d×d, already holding {@code Aᵀ diag(h) A}).
   *
   * @return the data loss at true scale, computed from this pass's own sums
   */
  double assemble(double[][] vectorSums, double[] gradient, double[] hessian);

  /**
   * Fused passes (maths.md §8.6): these sums were taken with globals predicted from an earlier
   * point's ({@link #slope}), not with their own point's, which the value part of the same pass has just found.
   * Corrects the vector sums ({@code vectorSums[k] = Aᵀ w_k}, in place) and the scalar sums to
   * {@code exact}, so that {@link #assemble} gives the exact loss, gradient and low-rank Hessian
   * terms; the Gram {@code Aᵀ diag(h) A} keeps the predicted Hessian weights. A family without
   * globals has nothing to correct.
   *
   * @param curvatureRescales whether the pass's curvature becomes exact by rescaling with
   *     {@link #jacobianCorrection} (then no Hessian weight keeps a prediction, and only the sums'
   *     own accuracy bounds how far a correction may reach)
   * @return false when the prediction was too far off for the corrected sums to be accurate (the
   *     caller then runs an ordinary derivative pass)
   */
  boolean correctTo(Globals exact, double[][] vectorSums, boolean curvatureRescales);

  /**
   * After {@link #correctTo}: the factor c with {@code p = c·p̃} and {@code q = c·q̃}, where p̃, q̃ are
   * the z-Jacobian's rows {@code ∂r/∂z = diag(p) − q sᵀ} taken with the predicted globals and p, q
   * those at the exact ones; 1 before a correction, and for a family whose rows do not scale so.
   */
  default double jacobianCorrection() {
    return 1.0;
  }

  /**
   * The globals of this pass's point (the corrected ones after {@link #correctTo}) and their
   * gradient, from the same vector sums {@link #assemble} takes.
   */
  GlobalsSlope slope(double[][] vectorSums);
}
