package org.attnreg.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar reference, at sizes that exercise every edge path. */
class DenseKernelsTest {
  private final DenseKernels vector = new VectorKernels();
  private final DenseKernels scalar = new ScalarKernels();

  private static double[] flat(double[][] rows) {
    int d = rows[0].length;
    double[] a = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, a, i * d, d);
    }
    return a;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    double scale = 0.0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-13 * scale,
          what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
    }
  }

  @Test
  void vectorKernelsMatchTheScalarReference() {
    for (int d : new int[] {1, 3, 4, 7, 8, 9, 15, 16, 17, 33, 64}) {
      int n = 37;
      double[] a = flat(RandomProblems.gaussianRows(n, d, 1.0, d));
      double[] x = RandomProblems.gaussianVector(d, 1.0, 100 + d);
      double[] h = RandomProblems.gaussianVector(n, 1.0, 200 + d);
      double[] z1 = new double[n];
      double[] z2 = new double[n];
      scalar.margins(a, n, d, x, z1);
      vector.margins(a, n, d, x, z2);
      assertClose(z1, z2, "margins d=" + d);
      double[][] w = {h, z1};
      double[][] acc1 = new double[2][d];
      double[][] acc2 = new double[2][d];
      scalar.addTransposeTimes(a, n, d, w, 2, acc1);
      vector.addTransposeTimes(a, n, d, w, 2, acc2);
      assertClose(acc1[0], acc2[0], "Aᵀw d=" + d);
      assertClose(acc1[1], acc2[1], "Aᵀz d=" + d);
      double[] g1 = new double[d * d];
      double[] g2 = new double[d * d];
      scalar.addGramLower(a, n, d, h, g1);
      vector.addGramLower(a, n, d, h, g2);
      assertClose(Grams.mirrorLower(g1, d), Grams.mirrorLower(g2, d), "Gram d=" + d);
    }
  }

  @Test
  void lowerTriangleIsTheWeightedGram() {
    int n = 11;
    int d = 13;
    double[][] rows = RandomProblems.gaussianRows(n, d, 1.0, 5);
    double[] h = RandomProblems.gaussianVector(n, 1.0, 6);
    double[] g = new double[d * d];
    DenseKernels.get().addGramLower(flat(rows), n, d, h, g);
    Grams.mirrorLower(g, d);
    double[] expected = new double[d * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          expected[j * d + k] += h[i] * rows[i][j] * rows[i][k];
        }
      }
    }
    assertClose(expected, g, "Gram");
  }
}
