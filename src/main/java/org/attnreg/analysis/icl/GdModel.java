package org.attnreg.analysis.icl;

import org.attnreg.linalg.Vectors;

/**
 * The model obtained by one gradient-descent step on the context's softmax-regression loss
 * {@code L(x) = ½‖softmax(Ax) − b‖²} with {@code b = y/n}, started at {@code x₀ = 0}:
 * <pre>
 *   ∇L(0) = Aᵀ S c,  S = (1/n)I − (1/n²)11ᵀ,  c = 1/n − b      (f(0) = 1/n is uniform)
 *         = (1/n)Aᵀ(1/n − b) − (1/n²)(1 − 1ᵀb)·Aᵀ1,
 *   x₁   = −η ∇L(0)   (= (η/n²)Aᵀ(y − 1) when 1ᵀb = 1, as for every task)
 * </pre>
 * Its prediction for the query has the form of the task's label:
 * {@code ŷ_gd = exp(a_q·x₁ − log((1/n)Σ_i exp(a_i·x₁)))}; its sensitivity to the query is
 * {@code ∂ŷ_gd/∂a_q = ŷ_gd·x₁} (the normaliser does not depend on a_q).
 */
public final class GdModel {
  private GdModel() {}

  /** ∇L(0) for {@code L(x) = ½‖softmax(Ax) − b‖²}, any b. */
  public static double[] gradientAtOrigin(double[][] a, double[] b) {
    int n = a.length;
    int d = a[0].length;
    double sumB = 0.0;
    for (double bi : b) {
      sumB += bi;
    }
    double offset = (1.0 - sumB) / ((double) n * n);
    double[] g = new double[d];
    for (int i = 0; i < n; i++) {
      double w = (1.0 / n - b[i]) / n - offset;
      for (int j = 0; j < d; j++) {
        g[j] += w * a[i][j];
      }
    }
    return g;
  }

  /** The descent direction {@code −∇L(0)} for the task's context, so that {@code x₁ = η·direction}. */
  public static double[] direction(IclTask task) {
    int n = task.n();
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = task.y()[i] / n;
    }
    double[] g = gradientAtOrigin(task.a(), b);
    for (int j = 0; j < g.length; j++) {
      g[j] = -g[j];
    }
    return g;
  }

  /** x₁ = −η∇L(0). */
  public static double[] weights(IclTask task, double eta) {
    double[] x1 = direction(task);
    for (int j = 0; j < x1.length; j++) {
      x1[j] *= eta;
    }
    return x1;
  }

  /** ŷ_gd for the task's query. */
  public static double predict(IclTask task, double[] x1) {
    return predict(Vectors.dot(task.aq(), x1), Dense.times(task.a(), x1));
  }

  /** ŷ from the query margin and the context margins: {@code exp(zq − log mean exp(z))}. */
  static double predict(double zq, double[] z) {
    return Math.exp(zq - (Softmax.logSumExp(z) - Math.log(z.length)));
  }

  /** ∂ŷ_gd/∂a_q = ŷ_gd·x₁. */
  public static double[] sensitivity(IclTask task, double[] x1) {
    double yhat = predict(task, x1);
    double[] s = x1.clone();
    for (int j = 0; j < s.length; j++) {
      s[j] *= yhat;
    }
    return s;
  }
}
