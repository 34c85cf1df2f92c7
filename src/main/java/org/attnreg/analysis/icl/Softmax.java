package org.attnreg.analysis.icl;

/** The softmax map {@code f(A,x) = ⟨exp(Ax),1⟩⁻¹ exp(Ax)} of maths.md §4, with the max-shift for stability. */
public final class Softmax {
  private Softmax() {}

  /** softmax(z), computed as {@code exp(z − max z) / Σ exp(z − max z)} so no exp overflows. */
  public static double[] of(double[] z) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      m = Math.max(m, v);
    }
    double[] f = new double[z.length];
    double sum = 0.0;
    for (int i = 0; i < z.length; i++) {
      f[i] = Math.exp(z[i] - m);
      sum += f[i];
    }
    for (int i = 0; i < z.length; i++) {
      f[i] /= sum;
    }
    return f;
  }

  /** f(A,x) = softmax(Ax). */
  public static double[] predict(double[][] a, double[] x) {
    return of(Dense.times(a, x));
  }

  /** log Σ exp(z_i), stably. */
  public static double logSumExp(double[] z) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      m = Math.max(m, v);
    }
    double sum = 0.0;
    for (double v : z) {
      sum += Math.exp(v - m);
    }
    return m + Math.log(sum);
  }
}
