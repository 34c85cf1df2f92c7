package org.attnreg.analysis.icl;

import java.util.SplittableRandom;
import org.attnreg.linalg.Vectors;

/**
 * A single softmax self-attention layer read out at the query position (see {@link IclExperiment}).
 *
 * <p>Tokens are {@code e_i = (a_i, y_i) ∈ R^{d+1}} for the n context rows and
 * {@code e_q = (a_q, 0)} for the query. With D = d + 1 and parameters
 * {@code θ = (W ∈ R^{D×D}, v ∈ R^D)} ({@code W = W_Q W_Kᵀ} merged, {@code vᵀ} the label row of
 * {@code P·W_V}; only these products affect the output):
 * <pre>
 *   s_j = e_qᵀ W e_j = uᵀ e_j,   u = Wᵀ e_q,            j = 1..n (the context tokens)
 *   p   = softmax(s),   h_j = vᵀ e_j,   ŷ = Σ_j p_j h_j     (the residual adds e_q's label 0)
 * </pre>
 * The query does not attend to its own token: with softmax (unlike linear attention) its label-free
 * token would take attention mass {@code ∝ exp(e_qᵀWe_q)}, which for the GD-like {@code W ≈ βI} grows
 * with ‖a_q‖² and pulls ŷ towards 0. Derivatives, with {@code r = Σ_j p_j (h_j − ŷ) e_j},
 * {@code m = Σ_j p_j e_j} (since ∂ŷ/∂s_j = p_j(h_j − ŷ)):
 * <pre>
 *   ∂ŷ/∂W = e_q rᵀ,   ∂ŷ/∂v = m,   ∂ŷ/∂a_q = [W r]_{1..d}.
 * </pre>
 * θ is one flat array: W row-major, then v.
 */
public final class AttentionModel {
  private final int d;
  private final int dim;

  public AttentionModel(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("embedding size d must be positive: " + d);
    }
    this.d = d;
    this.dim = d + 1;
  }

  /** Number of parameters, (d+1)² + (d+1). */
  public int size() {
    return dim * dim + dim;
  }

  /** Parameters drawn N(0, initScale²). */
  public double[] init(double initScale, SplittableRandom rnd) {
    return Gaussians.vector(size(), initScale, rnd);
  }

  /** The forward pass for one task. */
  public Forward forward(double[] theta, IclTask task) {
    int n = task.n();
    double[] eq = token(task.aq(), 0.0);
    double[] u = new double[dim];
    for (int k = 0; k < dim; k++) {
      double ek = eq[k];
      for (int l = 0; l < dim; l++) {
        u[l] += theta[k * dim + l] * ek;
      }
    }
    double[] s = new double[n];
    double[] h = new double[n];
    int vOff = dim * dim;
    for (int j = 0; j < n; j++) {
      double[] row = task.a()[j];
      double label = task.y()[j];
      s[j] = Vectors.dot(row, u) + label * u[d];
      h[j] = dotPrefix(theta, vOff, row) + label * theta[vOff + d];
    }
    double[] p = Softmax.of(s);
    double yhat = 0.0;
    for (int j = 0; j < n; j++) {
      yhat += p[j] * h[j];
    }
    return new Forward(task, eq, u, p, h, yhat);
  }

  /** ŷ_attn. */
  public double predict(double[] theta, IclTask task) {
    return forward(theta, task).yhat();
  }

  /**
   * Adds {@code weight·∂ℓ/∂θ} of the query loss {@code ℓ = ½(ŷ − y_q)²} to {@code grad}.
   *
   * @return ℓ
   */
  public double addLossGradient(double[] theta, IclTask task, double weight, double[] grad) {
    Forward f = forward(theta, task);
    double g = f.yhat() - task.yq();
    double[] r = f.weighted(true);
    double[] m = f.weighted(false);
    for (int k = 0; k < dim; k++) {
      double c = weight * g * f.eq()[k];
      if (c != 0.0) {
        for (int l = 0; l < dim; l++) {
          grad[k * dim + l] += c * r[l];
        }
      }
    }
    int vOff = dim * dim;
    for (int l = 0; l < dim; l++) {
      grad[vOff + l] += weight * g * m[l];
    }
    return 0.5 * g * g;
  }

  /** ∂ŷ_attn/∂a_q. */
  public double[] sensitivity(double[] theta, IclTask task) {
    double[] r = forward(theta, task).weighted(true);
    double[] grad = new double[d];
    for (int k = 0; k < d; k++) {
      double wr = 0.0;
      for (int l = 0; l < dim; l++) {
        wr += theta[k * dim + l] * r[l];
      }
      grad[k] = wr;
    }
    return grad;
  }

  private double[] token(double[] row, double label) {
    double[] e = new double[dim];
    System.arraycopy(row, 0, e, 0, d);
    e[d] = label;
    return e;
  }

  private static double dotPrefix(double[] theta, int offset, double[] row) {
    double s = 0.0;
    for (int j = 0; j < row.length; j++) {
      s += theta[offset + j] * row[j];
    }
    return s;
  }

  /** The intermediate values of one forward pass. */
  public record Forward(IclTask task, double[] eq, double[] u, double[] p, double[] h, double yhat) {

    /** {@code Σ_j p_j (h_j − ŷ) e_j} if {@code centred}, else {@code Σ_j p_j e_j}. */
    double[] weighted(boolean centred) {
      int n = task.n();
      int d = task.d();
      double[] out = new double[d + 1];
      for (int j = 0; j < n; j++) {
        double w = centred ? p[j] * (h[j] - yhat) : p[j];
        double[] row = task.a()[j];
        for (int k = 0; k < d; k++) {
          out[k] += w * row[k];
        }
        out[d] += w * task.y()[j];
      }
      return out;
    }
  }
}
