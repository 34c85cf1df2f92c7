package org.attnreg.problem;

/**
 * The derivative terms shared in shape by the softmax and rescaled families: three vector sums
 * w, p, q, a gradient {@code w − κ p} and a rank-2 Hessian term {@code γ p pᵀ − q pᵀ − p qᵀ}, with
 * the family's scalars κ and γ, taken with globals of type G (softmax: {@code Aᵀw_fc}, {@code Aᵀw_f}, {@code Aᵀw_u}, κ and
 * {@code ⟨f,f⟩ + 2κ}; rescaled: {@code Vvc}, {@code Vv}, {@code Vvb}, {@code ⟨c̃,b⟩} and B2).
 */
abstract class RankTwoTerms<G extends Globals> implements DerivativeSums {
  private static final long serialVersionUID = 1L;

  /** The globals every row of this pass is taken with (the point's own, or a fused pass's prediction). */
  protected final G at;

  RankTwoTerms(G at) {
    this.at = at;
  }

  /** κ, the weight of p in the gradient. */
  abstract double kappa();

  /** γ, the weight of {@code p pᵀ} in the Hessian. */
  abstract double gamma();

  /** The data loss at true scale, from this pass's own sums. */
  abstract double dataLoss();

  @Override
  public final int vectors() {
    return 3;
  }

  /** Writes the gradient {@code w − κ p} and adds the rank-2 term to the row-major d×d {@code hessian}. */
  @Override
  public final double assemble(double[][] vectorSums, double[] gradient, double[] hessian) {
    double[] w = vectorSums[0];
    double[] p = vectorSums[1];
    double[] q = vectorSums[2];
    double kappa = kappa();
    double gamma = gamma();
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
    return dataLoss();
  }

  /**
   * The z-space form of these terms: {@code g = w_w − κ w_p} and
   * {@code ∇²_z ℓ = diag(h) + γ w_p w_pᵀ − w_q w_pᵀ − w_p w_qᵀ}.
   */
  final ZStructure zStructure() {
    return new ZStructure(new double[] {1.0, -kappa(), 0.0},
        new double[][] {{0.0, 0.0, 0.0}, {0.0, gamma(), -1.0}, {0.0, -1.0, 0.0}});
  }
}
