package org.attnreg.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector-API kernels. Margins and the transposed products stream each row once at SIMD width; the
 * Gram is register-tiled: a tile of 4 rows × 2 vectors of G stays in 8 accumulators while the block's
 * rows stream past, so each loaded value feeds several fused multiply-adds (level-3 reuse) instead of
 * the one a per-row rank-1 update gets.
 */
final class VectorKernels implements DenseKernels {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int TILE_ROWS = 4;
  private static final int TILE_COLS = 2 * L;
  private final ScalarKernels scalar = new ScalarKernels();

  @Override
  public void margins(double[] a, int n, int d, double[] x, double[] z) {
    int vecEnd = S.loopBound(d);
    for (int i = 0; i < n; i++) {
      int row = i * d;
      DoubleVector acc = DoubleVector.zero(S);
      int j = 0;
      for (; j < vecEnd; j += L) {
        acc = DoubleVector.fromArray(S, a, row + j).fma(DoubleVector.fromArray(S, x, j), acc);
      }
      double s = acc.reduceLanes(VectorOperators.ADD);
      for (; j < d; j++) {
        s += a[row + j] * x[j];
      }
      z[i] = s;
    }
  }

  @Override
  public void addTransposeTimes(double[] a, int n, int d, double[][] w, int count, double[][] acc) {
    int vecEnd = S.loopBound(d);
    for (int i = 0; i < n; i++) {
      int row = i * d;
      for (int k = 0; k < count; k++) {
        double wi = w[k][i];
        if (wi == 0.0) {
          continue;
        }
        double[] out = acc[k];
        DoubleVector wv = DoubleVector.broadcast(S, wi);
        int j = 0;
        for (; j < vecEnd; j += L) {
          DoubleVector.fromArray(S, a, row + j).fma(wv, DoubleVector.fromArray(S, out, j)).intoArray(out, j);
        }
        for (; j < d; j++) {
          out[j] += wi * a[row + j];
        }
      }
    }
  }

  @Override
  public void addGramLower(double[] a, int n, int d, double[] h, double[] gram) {
    if (d < TILE_COLS) {
      scalar.addGramLower(a, n, d, h, gram);
      return;
    }
    int colEnd = d - d % TILE_COLS;
    for (int j0 = 0; j0 < d; j0 += TILE_ROWS) {
      int rows = Math.min(TILE_ROWS, d - j0);
      int lastRow = j0 + rows - 1;
      // Every full-width tile that touches the lower triangle of these rows; tiles straddling the
      // diagonal also write some upper entries, which the contract leaves unspecified.
      int k0 = 0;
      for (; k0 < colEnd && k0 <= lastRow; k0 += TILE_COLS) {
        if (rows == TILE_ROWS) {
          tile4(a, n, d, h, gram, j0, k0);
        } else {
          edgeTile(a, n, d, h, gram, j0, rows, k0, k0 + TILE_COLS);
        }
      }
      // Lower entries past the last full-width tile (when d is not a multiple of the tile width).
      if (k0 <= lastRow) {
        edgeTile(a, n, d, h, gram, j0, rows, k0, d);
      }
    }
  }

  /** gram[j0..j0+4, k0..k0+2L) += Σ_i h_i a_ij a_ik with eight vector accumulators. */
  private static void tile4(double[] a, int n, int d, double[] h, double[] gram, int j0, int k0) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S);
    DoubleVector c11 = DoubleVector.zero(S);
    DoubleVector c20 = DoubleVector.zero(S);
    DoubleVector c21 = DoubleVector.zero(S);
    DoubleVector c30 = DoubleVector.zero(S);
    DoubleVector c31 = DoubleVector.zero(S);
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double hi = h[i];
      DoubleVector b0 = DoubleVector.fromArray(S, a, row + k0);
      DoubleVector b1 = DoubleVector.fromArray(S, a, row + k0 + L);
      DoubleVector s0 = DoubleVector.broadcast(S, hi * a[row + j0]);
      DoubleVector s1 = DoubleVector.broadcast(S, hi * a[row + j0 + 1]);
      DoubleVector s2 = DoubleVector.broadcast(S, hi * a[row + j0 + 2]);
      DoubleVector s3 = DoubleVector.broadcast(S, hi * a[row + j0 + 3]);
      c00 = b0.fma(s0, c00);
      c01 = b1.fma(s0, c01);
      c10 = b0.fma(s1, c10);
      c11 = b1.fma(s1, c11);
      c20 = b0.fma(s2, c20);
      c21 = b1.fma(s2, c21);
      c30 = b0.fma(s3, c30);
      c31 = b1.fma(s3, c31);
    }
    addInto(gram, j0 * d + k0, c00, c01);
    addInto(gram, (j0 + 1) * d + k0, c10, c11);
    addInto(gram, (j0 + 2) * d + k0, c20, c21);
    addInto(gram, (j0 + 3) * d + k0, c30, c31);
  }

  private static void addInto(double[] gram, int offset, DoubleVector v0, DoubleVector v1) {
    DoubleVector.fromArray(S, gram, offset).add(v0).intoArray(gram, offset);
    DoubleVector.fromArray(S, gram, offset + L).add(v1).intoArray(gram, offset + L);
  }

  /** Scalar update of rows j0..j0+rows, columns [kFrom, kTo) (clipped to the lower triangle). */
  private static void edgeTile(double[] a, int n, int d, double[] h, double[] gram, int j0, int rows, int kFrom,
      int kTo) {
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double hi = h[i];
      if (hi == 0.0) {
        continue;
      }
      for (int j = j0; j < j0 + rows; j++) {
        double hv = hi * a[row + j];
        int g = j * d;
        int end = Math.min(kTo, j + 1);
        for (int k = kFrom; k < end; k++) {
          gram[g + k] += hv * a[row + k];
        }
      }
    }
  }

  @Override
  public String name() {
    return "vector-api(" + L + " lanes)";
  }
}
