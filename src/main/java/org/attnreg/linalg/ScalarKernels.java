package org.attnreg.linalg;

/** Plain Java loops: the reference the vector kernels are tested against, and the fallback. */
final class ScalarKernels implements DenseKernels {

  @Override
  public void margins(double[] a, int n, int d, double[] x, double[] z) {
    for (int i = 0; i < n; i++) {
      z[i] = dot(0.0, a, i * d, x, 0, d);
    }
  }

  @Override
  public void margins(double[] a, int from, int n, int d, double[] x, double[] s, double[] zx, double[] zs) {
    for (int i = 0; i < n; i++) {
      finishMargins(a, (from + i) * d, 0, d, x, s, 0.0, 0.0, zx, zs, i);
    }
  }

  @Override
  public void addTransposeTimes(double[] a, int from, int n, int d, double[][] w, int count, double[][] acc) {
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < count; k++) {
        double wi = w[k][i];
        if (wi != 0.0) {
          addScaledRow(wi, a, (from + i) * d, acc[k], 0, d);
        }
      }
    }
  }

  /**
   * {@code s + Σ_{j ∈ [from, to)} a[row + j]·x[j]}, added left to right: the whole row here, the
   * tail past the last full vector in {@link VectorKernels} (so both round the tail alike).
   */
  static double dot(double s, double[] a, int row, double[] x, int from, int to) {
    for (int j = from; j < to; j++) {
      s += a[row + j] * x[j];
    }
    return s;
  }

  /**
   * Row i's two margins from columns {@code from..d-1} on, in one sweep of the row: {@code zx[i] = sx + Σ a·x}
   * and {@code zs[i] = ss + Σ a·s} (the whole row here, the tail past the last full vector in
   * {@link VectorKernels}).
   */
  static void finishMargins(double[] a, int row, int from, int d, double[] x, double[] s, double sx, double ss,
      double[] zx, double[] zs, int i) {
    for (int j = from; j < d; j++) {
      sx += a[row + j] * x[j];
      ss += a[row + j] * s[j];
    }
    zx[i] = sx;
    zs[i] = ss;
  }

  /** {@code out[j] += w·a[row + j]} for j in {@code [from, to)}. */
  @Override
  public void addCombination(double[] a, int from, int rows, int d, double[] coef, int coefOffset, double[] out,
      int outOffset) {
    for (int i = 0; i < rows; i++) {
      double c = coef[coefOffset + i];
      if (c != 0.0) {
        int row = (from + i) * d;
        for (int j = 0; j < d; j++) {
          out[outOffset + j] += c * a[row + j];
        }
      }
    }
  }

  static void addScaledRow(double w, double[] a, int row, double[] out, int from, int to) {
    for (int j = from; j < to; j++) {
      out[j] += w * a[row + j];
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
