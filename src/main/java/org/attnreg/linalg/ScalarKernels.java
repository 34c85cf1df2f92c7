package org.attnreg.linalg;

/** Plain Java loops: the reference the vector kernels are tested against, and the fallback. */
final class ScalarKernels implements DenseKernels {

  @Override
  public void margins(double[] a, int n, int d, double[] x, double[] z) {
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double s = 0.0;
      for (int j = 0; j < d; j++) {
        s += a[row + j] * x[j];
      }
      z[i] = s;
    }
  }

  @Override
  public void margins(double[] a, int n, int d, double[] x, double[] s, double[] zx, double[] zs) {
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double sx = 0.0;
      double ss = 0.0;
      for (int j = 0; j < d; j++) {
        sx += a[row + j] * x[j];
        ss += a[row + j] * s[j];
      }
      zx[i] = sx;
      zs[i] = ss;
    }
  }

  @Override
  public void addTransposeTimes(double[] a, int n, int d, double[][] w, int count, double[][] acc) {
    for (int i = 0; i < n; i++) {
      int row = i * d;
      for (int k = 0; k < count; k++) {
        double wi = w[k][i];
        if (wi == 0.0) {
          continue;
        }
        double[] out = acc[k];
        for (int j = 0; j < d; j++) {
          out[j] += wi * a[row + j];
        }
      }
    }
  }

  /** The reference weighted Gram (lower triangle), one rank-1 update per row; see {@link GramKernel}. */
  static void addGramLower(double[] a, int n, int d, double[] h, double[] gram) {
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double hi = h[i];
      if (hi == 0.0) {
        continue;
      }
      for (int j = 0; j < d; j++) {
        double hv = hi * a[row + j];
        int g = j * d;
        for (int k = 0; k <= j; k++) {
          gram[g + k] += hv * a[row + k];
        }
      }
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
