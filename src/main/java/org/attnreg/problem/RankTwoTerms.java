package org.attnreg.problem;

/**
 * The derivative terms shared in shape by the softmax and rescaled families: three vector sums
 * w, p, q, a gradient {@code w − κ p} and a rank-2 Hessian term {@code γ p pᵀ − q pᵀ − p qᵀ}, with
 * the family's scalars κ and γ, taken with globals of type G (softmax: {@code Aᵀw_fc}, {@code Aᵀw_f},
 * {@code Aᵀw_u}, κ and {@code ⟨f,f⟩ + 2κ}; rescaled: {@code Vvc}, {@code Vv}, {@code Vvb}, {@code ⟨c̃,b⟩}
 * and B2). The scalar sums both families take over their rows (κ, ½Σc² and the Gauss–Newton part of γ)
 * and their merge live here; the per-row loop that gives them stays in the family.
 */
abstract class RankTwoTerms<G extends Globals> implements DerivativeSums {
  private static final long serialVersionUID = 1L;

  /** The globals every row of this pass is taken with (the point's own, or a fused pass's prediction). */
  protected final G at;

  /** κ summed over this pass's rows, the weight of p in the gradient (softmax ⟨f,c⟩, rescaled ⟨c̃,b⟩). */
  protected double kappa;

  /** ½Σc² over this pass's rows, at the pass's scale. */
  protected double halfC2;

  /**
   * The Gauss–Newton part of γ over this pass's rows: {@code ⟨r,r⟩} of the column r of the residual's
   * z-Jacobian {@code ∂c/∂z = diag(·) − r sᵀ} (softmax ⟨f,f⟩, rescaled B2 = ⟨b,b⟩).
   */
  protected double gaussNewtonGamma;

  RankTwoTerms(G at) {
    this.at = at;
  }

  /** Adds one block's κ, Σc² and ⟨r,r⟩ (see {@link #gaussNewtonGamma}), each summed over the block first. */
  protected final void addBlockSums(double blockKappa, double blockC2, double blockRr) {
    kappa += blockKappa;
    halfC2 += 0.5 * blockC2;
    gaussNewtonGamma += blockRr;
  }

  /** Adds another's κ, ½Σc² and ⟨r,r⟩ (a family with more scalar sums adds its own after these). */
  @Override
  public void merge(DerivativeSums other) {
    RankTwoTerms<?> o = (RankTwoTerms<?>) other;
    kappa += o.kappa;
    halfC2 += o.halfC2;
    gaussNewtonGamma += o.gaussNewtonGamma;
  }

  /** κ, the weight of p in the gradient. */
  final double kappa() {
    return kappa;
  }

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
