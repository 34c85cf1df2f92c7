package org.attnreg.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector-API kernels: margins (one or two points) and the transposed products stream each row once
 * at SIMD width. The Gram is {@link TiledGram}'s.
 */
final class VectorKernels implements DenseKernels {
  /** The Gram's vector shape: one shape per JVM keeps the Vector API intrinsified (see {@link TiledGram#SPECIES}). */
  private static final VectorSpecies<Double> S = TiledGram.SPECIES;
  private static final int L = S.length();

  @Override
  public void margins(double[] a, int n, int d, double[] x, double[] z) {
    int vecEnd = S.loopBound(d);
    int pairEnd = vecEnd - (vecEnd / L) % 2 * L;
    for (int i = 0; i < n; i++) {
      int row = i * d;
      // Two independent accumulators halve the FMA dependency chain of a row.
      DoubleVector acc0 = DoubleVector.zero(S);
      DoubleVector acc1 = DoubleVector.zero(S);
      int j = 0;
      for (; j < pairEnd; j += 2 * L) {
        acc0 = DoubleVector.fromArray(S, a, row + j).fma(DoubleVector.fromArray(S, x, j), acc0);
        acc1 = DoubleVector.fromArray(S, a, row + j + L).fma(DoubleVector.fromArray(S, x, j + L), acc1);
      }
      if (j < vecEnd) {
        acc0 = DoubleVector.fromArray(S, a, row + j).fma(DoubleVector.fromArray(S, x, j), acc0);
        j += L;
      }
      z[i] = ScalarKernels.dot(acc0.add(acc1).reduceLanes(VectorOperators.ADD), a, row, x, j, d);
    }
  }

  @Override
  public void margins(double[] a, int from, int n, int d, double[] x, double[] s, double[] zx, double[] zs) {
    int vecEnd = S.loopBound(d);
    for (int i = 0; i < n; i++) {
      int row = (from + i) * d;
      DoubleVector accX = DoubleVector.zero(S);
      DoubleVector accS = DoubleVector.zero(S);
      int j = 0;
      for (; j < vecEnd; j += L) {
        DoubleVector ai = DoubleVector.fromArray(S, a, row + j);
        accX = ai.fma(DoubleVector.fromArray(S, x, j), accX);
        accS = ai.fma(DoubleVector.fromArray(S, s, j), accS);
      }
      ScalarKernels.finishMargins(a, row, j, d, x, s, accX.reduceLanes(VectorOperators.ADD),
          accS.reduceLanes(VectorOperators.ADD), zx, zs, i);
    }
  }

  /**
   * Rows per window of {@link #addTransposeTimes}: about 32 KiB of A, so that the window stays in L1
   * while every product and every stripe of columns streams over it.
   */
  private static final int WINDOW_DOUBLES = 1 << 12;

  /**
   * {@code acc_k += Aᵀ w_k}. Within a window of rows, a stripe of four vectors of {@code acc_k} stays
   * in registers while the window's rows stream past it, so a row costs loads of A and FMAs only,
   * not a load and a store of the accumulator per row and product. Every entry still adds the rows
   * one by one in row order with one FMA each (rows with a zero weight skipped) and the tail columns
   * with {@link ScalarKernels#addScaledRow}, as a row-by-row sweep would: the same bits.
   */
  @Override
  public void addTransposeTimes(double[] a, int from, int n, int d, double[][] w, int count, double[][] acc) {
    int vecEnd = S.loopBound(d);
    int window = Math.max(1, WINDOW_DOUBLES / d);
    for (int start = 0; start < n; start += window) {
      int end = Math.min(n, start + window);
      for (int k = 0; k < count; k++) {
        double[] wk = w[k];
        double[] out = acc[k];
        int j = 0;
        for (; j + 4 * L <= vecEnd; j += 4 * L) {
          stripe4(a, from, d, wk, start, end, out, j);
        }
        for (; j < vecEnd; j += L) {
          stripe1(a, from, d, wk, start, end, out, j);
        }
        if (vecEnd < d) {
          for (int i = start; i < end; i++) {
            double wi = wk[i];
            if (wi != 0.0) {
              ScalarKernels.addScaledRow(wi, a, (from + i) * d, out, vecEnd, d);
            }
          }
        }
      }
    }
  }

  /** Columns j..j+4L-1 of {@code out += Σ_i w_i a_i} over rows start..end-1, in registers. */
  private static void stripe4(double[] a, int from, int d, double[] w, int start, int end, double[] out, int j) {
    DoubleVector c0 = DoubleVector.fromArray(S, out, j);
    DoubleVector c1 = DoubleVector.fromArray(S, out, j + L);
    DoubleVector c2 = DoubleVector.fromArray(S, out, j + 2 * L);
    DoubleVector c3 = DoubleVector.fromArray(S, out, j + 3 * L);
    for (int i = start; i < end; i++) {
      double wi = w[i];
      if (wi == 0.0) {
        continue;
      }
      DoubleVector wv = DoubleVector.broadcast(S, wi);
      int row = (from + i) * d + j;
      c0 = DoubleVector.fromArray(S, a, row).fma(wv, c0);
      c1 = DoubleVector.fromArray(S, a, row + L).fma(wv, c1);
      c2 = DoubleVector.fromArray(S, a, row + 2 * L).fma(wv, c2);
      c3 = DoubleVector.fromArray(S, a, row + 3 * L).fma(wv, c3);
    }
    c0.intoArray(out, j);
    c1.intoArray(out, j + L);
    c2.intoArray(out, j + 2 * L);
    c3.intoArray(out, j + 3 * L);
  }

  /** As {@link #stripe4}, one vector wide. */
  private static void stripe1(double[] a, int from, int d, double[] w, int start, int end, double[] out, int j) {
    DoubleVector c = DoubleVector.fromArray(S, out, j);
    for (int i = start; i < end; i++) {
      double wi = w[i];
      if (wi != 0.0) {
        c = DoubleVector.fromArray(S, a, (from + i) * d + j).fma(DoubleVector.broadcast(S, wi), c);
      }
    }
    c.intoArray(out, j);
  }

  @Override
  public void addCombination(double[] a, int from, int rows, int d, double[] coef, int coefOffset, double[] out,
      int outOffset) {
    int vecEnd = S.loopBound(d);
    int j = 0;
    for (; j < vecEnd; j += L) {
      DoubleVector acc = DoubleVector.fromArray(S, out, outOffset + j);
      for (int i = 0; i < rows; i++) {
        acc = DoubleVector.fromArray(S, a, (from + i) * d + j).fma(DoubleVector.broadcast(S, coef[coefOffset + i]), acc);
      }
      acc.intoArray(out, outOffset + j);
    }
    for (; j < d; j++) {
      double sum = out[outOffset + j];
      for (int i = 0; i < rows; i++) {
        sum += coef[coefOffset + i] * a[(from + i) * d + j];
      }
      out[outOffset + j] = sum;
    }
  }

  @Override
  public String name() {
    return "vector-api(" + L + " lanes)";
  }
}
