package org.attnreg.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.NativeBLAS;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;

/** The vector kernels against the scalar reference, at sizes that exercise every edge path. */
class DenseKernelsTest {
  private static final int[] DIMS = {1, 3, 4, 7, 8, 9, 15, 16, 17, 33, 64};
  private final DenseKernels vector = new VectorKernels();
  private final DenseKernels scalar = new ScalarKernels();

  static double[] flat(double[][] rows) {
    int d = rows[0].length;
    double[] a = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, a, i * d, d);
    }
    return a;
  }

  static void assertClose(double[] expected, double[] actual, String what) {
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
  void vectorStreamingKernelsMatchTheScalarReference() {
    for (int d : DIMS) {
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
    }
  }

  /**
   * The vector {@code Aᵀw} adds each row in row order with one FMA per entry (the tail columns with
   * a plain multiply-add), skipping zero weights: exactly the row-by-row sweep, bit for bit, over
   * many windows of rows, stripes of four vectors and their remainders.
   */
  @Test
  void vectorTransposeTimesIsTheRowByRowSweepToTheBit() {
    for (int d : new int[] {1, 3, 4, 7, 8, 15, 16, 17, 33, 64, 70}) {
      int n = 700;
      int from = 3;
      double[] a = flat(RandomProblems.gaussianRows(n + from, d, 1.0, 41 + d));
      double[][] w = {RandomProblems.gaussianVector(n, 1.0, 800 + d), RandomProblems.gaussianVector(n, 1.0, 900 + d)};
      for (int i = 0; i < n; i += 5) {
        w[0][i] = 0.0;
      }
      double[][] expected = {RandomProblems.gaussianVector(d, 1.0, d), RandomProblems.gaussianVector(d, 1.0, 2 * d)};
      double[][] actual = {expected[0].clone(), expected[1].clone()};
      int vecEnd = TiledGram.SPECIES.loopBound(d);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) {
          double wi = w[k][i];
          if (wi == 0.0) {
            continue;
          }
          int row = (from + i) * d;
          for (int j = 0; j < d; j++) {
            expected[k][j] = j < vecEnd ? Math.fma(a[row + j], wi, expected[k][j]) : expected[k][j] + wi * a[row + j];
          }
        }
      }
      vector.addTransposeTimes(a, from, n, d, w, 2, actual);
      assertArrayEquals(expected[0], actual[0], 0.0, "Aᵀw with zero weights, d=" + d);
      assertArrayEquals(expected[1], actual[1], 0.0, "Aᵀw, d=" + d);
    }
  }

  @Test
  void combinationsOfRowsMatchTheirDefinition() {
    for (int d : DIMS) {
      int n = 11;
      double[] a = flat(RandomProblems.gaussianRows(n, d, 1.0, 300 + d));
      double[] coef = RandomProblems.gaussianVector(n + 2, 1.0, 400 + d);
      coef[5] = 0.0; // a row without weight adds nothing
      double[] start = RandomProblems.gaussianVector(3 * d, 1.0, 500 + d);
      double[] expected = start.clone();
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < d; j++) {
          expected[d + j] += coef[2 + i] * a[(3 + i) * d + j]; // rows 3..8 with coef 2..7, into the middle row
        }
      }
      for (DenseKernels k : new DenseKernels[] {scalar, vector}) {
        double[] out = start.clone();
        k.addCombination(a, 3, 6, d, coef, 2, out, d);
        assertClose(expected, out, k.name() + " combination d=" + d);
      }
    }
  }

  @Test
  void fusedMarginsEqualTwoSeparateProducts() {
    for (int d : DIMS) {
      int n = 29;
      double[] a = flat(RandomProblems.gaussianRows(n, d, 1.0, 7 + d));
      double[] x = RandomProblems.gaussianVector(d, 1.0, 300 + d);
      double[] s = RandomProblems.gaussianVector(d, 1.0, 400 + d);
      double[] zx = new double[n];
      double[] zs = new double[n];
      scalar.margins(a, n, d, x, zx);
      scalar.margins(a, n, d, s, zs);
      for (DenseKernels k : new DenseKernels[] {scalar, vector}) {
        double[] fx = new double[n];
        double[] fs = new double[n];
        k.margins(a, n, d, x, s, fx, fs);
        assertClose(zx, fx, k.name() + " fused A x, d=" + d);
        assertClose(zs, fs, k.name() + " fused A s, d=" + d);
      }
    }
  }

  @Test
  void aWindowOfRowsIsExactlyThoseRowsOfTheWholeBlock() {
    for (int d : DIMS) {
      int n = 29;
      int from = 11;
      int count = 9;
      double[] a = flat(RandomProblems.gaussianRows(n, d, 1.0, 17 + d));
      double[] x = RandomProblems.gaussianVector(d, 1.0, 500 + d);
      double[] s = RandomProblems.gaussianVector(d, 1.0, 600 + d);
      double[] w = RandomProblems.gaussianVector(n, 1.0, 700 + d);
      for (DenseKernels k : new DenseKernels[] {scalar, vector}) {
        double[] zx = new double[n];
        double[] zs = new double[n];
        k.margins(a, n, d, x, s, zx, zs);
        double[] wx = new double[count];
        double[] ws = new double[count];
        k.margins(a, from, count, d, x, s, wx, ws);
        assertArrayEquals(java.util.Arrays.copyOfRange(zx, from, from + count), wx, 0.0, k.name() + " window A x, d=" + d);
        assertArrayEquals(java.util.Arrays.copyOfRange(zs, from, from + count), ws, 0.0, k.name() + " window A s, d=" + d);
        double[] onlyWindow = new double[n];
        System.arraycopy(w, from, onlyWindow, from, count);
        double[][] whole = {new double[d]};
        k.addTransposeTimes(a, n, d, new double[][] {onlyWindow}, 1, whole);
        double[][] windowed = {new double[d]};
        k.addTransposeTimes(a, from, count, d, new double[][] {java.util.Arrays.copyOfRange(w, from, from + count)}, 1,
            windowed);
        assertArrayEquals(whole[0], windowed[0], 0.0, k.name() + " window Aᵀw, d=" + d);
      }
    }
  }

  @Test
  void jvmGramMatchesTheScalarReference() {
    assertGramMatchesReference(GramKernel.jvm());
  }

  /** Native dsyrk loads exactly where netlib loaded a native BLAS; every kernel that loads is exact. */
  @Test
  void everyLoadableGramKernelFollowsTheLoadedBlasAndMatchesTheReference() {
    assertEquals(Blas.blas() instanceof NativeBLAS, GramKernelLoader.SYSTEM.available(GramKernelKind.NATIVE));
    for (GramKernelKind kind : GramKernelKind.values()) {
      if (GramKernelLoader.SYSTEM.available(kind)) {
        assertGramMatchesReference(GramKernelLoader.SYSTEM.load(kind));
      }
    }
  }

  /**
   * The tiled Gram's bits are a function of the rows alone: every lower entry, at widths whose
   * 4-column bands all go to tiles (single 4×4 tiles, pairs of them and 4×8 tiles), is the one
   * fused multiply-add chain {@code g = fma(a_ik, h_i·a_ij, g)} over the rows in order, across chunks.
   */
  @Test
  void everyTiledGramEntryIsItsRowsFmaChainInOrder() {
    TiledGram kernel = new TiledGram();
    GramScratch scratch = new GramScratch(kernel);
    for (int d : new int[] {4, 8, 12, 16, 20, 24, 32, 36, 44}) {
      for (int n : new int[] {1, 7, 64, 65, 300}) {
        double[] a = flat(RandomProblems.gaussianRows(n, d, 1.0, 13L * d + n));
        double[] h = RandomProblems.gaussianVector(n, 1.0, 19L * d + n);
        double[] start = RandomProblems.gaussianVector(d * d, 1.0, d + 1);
        double[] actual = start.clone();
        kernel.addLower(a, n, d, h, actual, scratch);
        for (int j = 0; j < d; j++) {
          for (int k = 0; k <= j; k++) {
            double g = start[j * d + k];
            for (int i = 0; i < n; i++) {
              g = Math.fma(a[i * d + k], h[i] * a[i * d + j], g);
            }
            assertEquals(g, actual[j * d + k], "entry (" + j + ", " + k + "), d=" + d + " n=" + n);
          }
        }
      }
    }
  }

  /** Signed weights, zero weights, several chunks, and a Gram that already holds a sum. */
  private static void assertGramMatchesReference(GramKernel kernel) {
    GramScratch scratch = new GramScratch();
    for (int d : new int[] {1, 2, 3, 4, 5, 8, 12, 13, 17, 31, 64, 130}) {
      for (int n : new int[] {1, 5, 300, 1500}) {
        double[] a = flat(RandomProblems.gaussianRows(n, d, 1.0, 31L * d + n));
        double[] h = RandomProblems.gaussianVector(n, 1.0, 17L * d + n);
        for (int i = 0; i < n; i += 3) {
          h[i] = 0.0;
        }
        double[] start = RandomProblems.gaussianVector(d * d, 1.0, d);
        double[] expected = start.clone();
        double[] actual = start.clone();
        ScalarKernels.addGramLower(a, n, d, h, expected);
        kernel.addLower(a, n, d, h, actual, scratch);
        assertClose(Grams.mirrorLower(expected, d), Grams.mirrorLower(actual, d),
            kernel.name() + " Gram d=" + d + " n=" + n);
      }
    }
  }

  @Test
  void lowerTriangleIsTheWeightedGram() {
    int n = 11;
    int d = 13;
    double[][] rows = RandomProblems.gaussianRows(n, d, 1.0, 5);
    double[] h = RandomProblems.gaussianVector(n, 1.0, 6);
    double[] g = new double[d * d];
    GramKernel.jvm().addLower(flat(rows), n, d, h, g, new GramScratch());
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

  @Test
  void sparseFusedMarginsEqualDenseOnes() {
    int n = 23;
    int d = 19;
    double[][] rows = RandomProblems.gaussianRows(n, d, 1.0, 9);
    BlockBuilder dense = new BlockBuilder(d, n, false);
    BlockBuilder sparse = new BlockBuilder(d, n, true);
    for (int i = 0; i < n; i++) {
      rows[i][i % d] = 0.0;
      dense.addDense(i, 0.0, rows[i]);
      sparse.addDense(i, 0.0, rows[i]);
    }
    double[] x = RandomProblems.gaussianVector(d, 1.0, 10);
    double[] s = RandomProblems.gaussianVector(d, 1.0, 11);
    double[][] z = new double[4][n];
    dense.build().margins(x, s, z[0], z[1]);
    sparse.build().margins(x, s, z[2], z[3]);
    assertClose(z[0], z[2], "A x");
    assertClose(z[1], z[3], "A s");
  }

  @Test
  void describeNamesTheKernels() {
    String text = Blas.describe();
    assertTrue(text.contains("Gram=scalar") || text.contains("|scalar"), text);
    assertTrue(text.contains("kernels="), text);
  }
}
