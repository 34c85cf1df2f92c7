package org.attnreg.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector-API kernels: margins and the transposed products stream each row once at SIMD width. */
final class VectorKernels implements DenseKernels {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
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
    // A register-tiled Vector-API Gram measured slower than this loop on JDK 17 (its accumulators
    // were not kept in registers), so the Gram stays scalar here; see the benchmark notes.
    scalar.addGramLower(a, n, d, h, gram);
  }

  @Override
  public String name() {
    return "vector-api(" + L + " lanes)";
  }
}
