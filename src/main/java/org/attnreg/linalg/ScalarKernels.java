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

  @Override
  public void addGramLower(double[] a, int n, int d, double[] h, double[] gram) {
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
