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

  @Override
  public void addTransposeTimes(double[] a, int from, int n, int d, double[][] w, int count, double[][] acc) {
    int vecEnd = S.loopBound(d);
    for (int i = 0; i < n; i++) {
      int row = (from + i) * d;
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
        ScalarKernels.addScaledRow(wi, a, row, out, j, d);
      }
    }
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
