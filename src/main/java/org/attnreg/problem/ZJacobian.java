package org.attnreg.problem;

import java.io.Serializable;

/**
 * The z-Jacobian of a family's residual, {@code J = ∂r/∂z = diag(p) − q sᵀ}, in the derivative
 * pass's scaled units: p and q per row, and s one of the pass's own vector weights, so that the
 * global {@code Aᵀs} is a vector sum the pass already forms. The Gauss–Newton matrix
 * {@code (JA)ᵀ(JA)} is then PSD for every family, and a sketch of the rows of {@code JA} can be
 * assembled from per-partition d×d pieces and that one global vector.
 */
public interface ZJacobian extends Serializable {

  /**
   * Rows {@code 0..n-1} at margins z with targets b and the pass's vector weights: writes the
   * diagonal {@code p[i]} and, when {@link #lowRankWeight} is not -1, {@code q[i]}.
   */
  void rows(double[] z, double[] b, double[][] vectorWeights, int n, double[] p, double[] q);

  /** The index k of the vector weight {@code w_k = s}, or -1 when J is diagonal (q = 0). */
  int lowRankWeight();
}
