package org.attnreg.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The Gram through native {@code dsyrk}: rows with h > 0 are copied scaled by √h into one buffer,
 * rows with h < 0 scaled by √−h into another, and {@code gram += PᵀP − NᵀN} is two level-3 calls.
 * Splitting by sign keeps every weight usable by a symmetric rank-k update (dsyrk has no diagonal
 * weight) at the price of one pass of copying, O(rows·d) against the update's O(rows·d²).
 *
 * <p>Layout: a row-major k×d buffer is the column-major d×k matrix B, and the row-major lower
 * triangle of the d×d Gram is the column-major upper one, hence {@code dsyrk("U", "N")} with
 * {@code C = B Bᵀ}.
 */
final class NativeSyrkGram implements GramKernel {
  /** Rows per dsyrk call: large enough for level-3 speed, small enough to stay in cache. */
  static final int CHUNK_ROWS = 1024;

  private final BLAS blas;

  NativeSyrkGram(BLAS blas) {
    this.blas = blas;
  }

  @Override
  public void addLower(double[] a, int n, int d, double[] h, double[] gram, GramScratch scratch) {
    int chunk = Math.min(n, CHUNK_ROWS);
    double[] positive = scratch.first(chunk * d);
    double[] negative = scratch.second(chunk * d);
    for (int start = 0; start < n; start += chunk) {
      int end = Math.min(n, start + chunk);
      int p = 0;
      int q = 0;
      for (int i = start; i < end; i++) {
        double hi = h[i];
        if (hi > 0.0) {
          scaleRow(a, i * d, d, Math.sqrt(hi), positive, p++ * d);
        } else if (hi < 0.0) {
          scaleRow(a, i * d, d, Math.sqrt(-hi), negative, q++ * d);
        }
      }
      if (p > 0) {
        blas.dsyrk("U", "N", d, p, 1.0, positive, d, 1.0, gram, d);
      }
      if (q > 0) {
        blas.dsyrk("U", "N", d, q, -1.0, negative, d, 1.0, gram, d);
      }
    }
  }

  private static void scaleRow(double[] a, int from, int d, double s, double[] out, int to) {
    for (int j = 0; j < d; j++) {
      out[to + j] = s * a[from + j];
    }
  }

  @Override
  public String name() {
    return "native-dsyrk";
  }
}
