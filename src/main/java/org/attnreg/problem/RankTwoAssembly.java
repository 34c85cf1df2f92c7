package org.attnreg.problem;

/**
 * The driver-side end of a derivative pass shared by the softmax and rescaled families: a gradient
 * {@code w − κ p} and a rank-2 Hessian term {@code γ p pᵀ − q pᵀ − p qᵀ}, from the pass's vector sums
 * w, p, q and its scalars κ, γ (softmax: {@code Aᵀw_fc}, {@code Aᵀw_f}, {@code Aᵀw_u}, κ and
 * {@code ⟨f,f⟩ + 2κ}; rescaled: {@code Vvc}, {@code Vv}, {@code Vvb}, {@code ⟨c̃,b⟩} and B2).
 */
final class RankTwoAssembly {
  private RankTwoAssembly() {}

  /** Writes the gradient and adds the rank-2 term to the row-major d×d {@code hessian}. */
  static void assemble(double[] w, double[] p, double[] q, double kappa, double gamma, double[] gradient,
      double[] hessian) {
    int d = gradient.length;
    for (int j = 0; j < d; j++) {
      gradient[j] = w[j] - kappa * p[j];
    }
    for (int j = 0; j < d; j++) {
      int row = j * d;
      for (int k = 0; k < d; k++) {
        hessian[row + k] += gamma * p[j] * p[k] - q[j] * p[k] - p[j] * q[k];
      }
    }
  }
}
