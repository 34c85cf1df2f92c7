package org.attnreg.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-tiled Vector-API Gram: {@code gram += Wᵀ A} with {@code W = diag(h) A} formed once per
 * chunk of rows in the task's scratch. Each 4×8 tile of the Gram lives in eight 256-bit registers
 * while every row of the chunk streams past it (two vector loads and four broadcasts feed eight
 * FMAs), the shape of a BLAS micro-kernel.
 *
 * <p>Why it is written this way: on JDK 17, C2 keeps vectors in registers only when they are plain
 * locals of one intrinsified loop; an array of accumulators, or a species that is not a constant,
 * makes it box every vector and run several times slower than the scalar loop. Chunks of at most
 * {@value #CHUNK_ROWS} rows and 256 KiB of A keep the rows a tile streams over in L1 at small d,
 * in L2 at large d.
 */
final class TiledGram implements GramKernel {
  /**
   * The one vector shape of every Vector-API kernel here (the margin kernels use it too). Mixing
   * shapes in one JVM is ruinous: the API's shared methods then see two vector classes, C2 stops
   * intrinsifying them and every vector is boxed. Measured on a 1e6 × 32 softmax derivative pass
   * with 512-bit margins beside this 256-bit Gram: about 1 s; with one shape, 0.1 s.
   */
  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Double> S = SPECIES;
  /** Doubles of A per chunk, at most. */
  static final int CHUNK_DOUBLES = 1 << 15;
  /**
   * Rows per chunk, at most: at small d the tiles then stream a chunk of A and W from L1 rather than
   * L2 (measured at d = 32, one thread, interleaved runs: 64 rows 10–15 % faster than 1024; no change
   * at d = 128, where the byte limit already gives 256). The rows of a tile are summed in the same
   * order whatever the chunk, so the Gram is the same bit for bit.
   */
  static final int CHUNK_ROWS = 64;

  @Override
  public void addLower(double[] a, int n, int d, double[] h, double[] gram, GramScratch scratch) {
    if (d < 4) {
      ScalarKernels.addGramLower(a, n, d, h, gram);
      return;
    }
    int chunk = Math.max(8, Math.min(n, Math.min(CHUNK_ROWS, CHUNK_DOUBLES / d)));
    double[] w = scratch.second(chunk * d);
    int vecEnd = S.loopBound(d);
    for (int start = 0; start < n; start += chunk) {
      int rows = Math.min(n, start + chunk) - start;
      int offset = start * d;
      for (int r = 0; r < rows; r++) {
        scaleRow(h[start + r], a, offset + r * d, w, r * d, d, vecEnd);
      }
      tiles(a, offset, w, rows, d, gram);
    }
  }

  /**
   * {@code w[to..to+d) = h·a[from..from+d)} at SIMD width (profiled at d = 32, the scalar loop here
   * took a third of the Gram's samples); each product is the same IEEE multiplication either way.
   */
  private static void scaleRow(double h, double[] a, int from, double[] w, int to, int d, int vecEnd) {
    DoubleVector hv = DoubleVector.broadcast(S, h);
    int j = 0;
    for (; j < vecEnd; j += S.length()) {
      DoubleVector.fromArray(S, a, from + j).mul(hv).intoArray(w, to + j);
    }
    for (; j < d; j++) {
      w[to + j] = h * a[from + j];
    }
  }

  /** Lower triangle of gram += Wᵀ A over one chunk: 4-row bands of 4×8 and 4×4 tiles, then leftover rows. */
  private static void tiles(double[] a, int offset, double[] w, int rows, int d, double[] gram) {
    int j0 = 0;
    for (; j0 + 4 <= d; j0 += 4) {
      int k0 = 0;
      for (; k0 + 8 <= j0 + 4; k0 += 8) {
        tile4x8(a, offset, w, rows, d, gram, j0, k0);
      }
      if (k0 < j0 + 4) {
        tile4x4(a, offset, w, rows, d, gram, j0, k0);
      }
    }
    for (int j = j0; j < d; j++) {
      for (int r = 0; r < rows; r++) {
        double wj = w[r * d + j];
        int ar = offset + r * d;
        int g = j * d;
        for (int k = 0; k <= j; k++) {
          gram[g + k] += wj * a[ar + k];
        }
      }
    }
  }

  private static void tile4x8(double[] a, int offset, double[] w, int rows, int d, double[] gram, int j0, int k0) {
    int g0 = j0 * d + k0;
    int g1 = g0 + d;
    int g2 = g1 + d;
    int g3 = g2 + d;
    DoubleVector c00 = DoubleVector.fromArray(S, gram, g0);
    DoubleVector c01 = DoubleVector.fromArray(S, gram, g0 + 4);
    DoubleVector c10 = DoubleVector.fromArray(S, gram, g1);
    DoubleVector c11 = DoubleVector.fromArray(S, gram, g1 + 4);
    DoubleVector c20 = DoubleVector.fromArray(S, gram, g2);
    DoubleVector c21 = DoubleVector.fromArray(S, gram, g2 + 4);
    DoubleVector c30 = DoubleVector.fromArray(S, gram, g3);
    DoubleVector c31 = DoubleVector.fromArray(S, gram, g3 + 4);
    for (int r = 0; r < rows; r++) {
      int ar = offset + r * d + k0;
      int wr = r * d + j0;
      DoubleVector b0 = DoubleVector.fromArray(S, a, ar);
      DoubleVector b1 = DoubleVector.fromArray(S, a, ar + 4);
      DoubleVector w0 = DoubleVector.broadcast(S, w[wr]);
      c00 = b0.fma(w0, c00);
      c01 = b1.fma(w0, c01);
      DoubleVector w1 = DoubleVector.broadcast(S, w[wr + 1]);
      c10 = b0.fma(w1, c10);
      c11 = b1.fma(w1, c11);
      DoubleVector w2 = DoubleVector.broadcast(S, w[wr + 2]);
      c20 = b0.fma(w2, c20);
      c21 = b1.fma(w2, c21);
      DoubleVector w3 = DoubleVector.broadcast(S, w[wr + 3]);
      c30 = b0.fma(w3, c30);
      c31 = b1.fma(w3, c31);
    }
    c00.intoArray(gram, g0);
    c01.intoArray(gram, g0 + 4);
    c10.intoArray(gram, g1);
    c11.intoArray(gram, g1 + 4);
    c20.intoArray(gram, g2);
    c21.intoArray(gram, g2 + 4);
    c30.intoArray(gram, g3);
    c31.intoArray(gram, g3 + 4);
  }

  private static void tile4x4(double[] a, int offset, double[] w, int rows, int d, double[] gram, int j0, int k0) {
    int g0 = j0 * d + k0;
    DoubleVector c0 = DoubleVector.fromArray(S, gram, g0);
    DoubleVector c1 = DoubleVector.fromArray(S, gram, g0 + d);
    DoubleVector c2 = DoubleVector.fromArray(S, gram, g0 + 2 * d);
    DoubleVector c3 = DoubleVector.fromArray(S, gram, g0 + 3 * d);
    for (int r = 0; r < rows; r++) {
      int wr = r * d + j0;
      DoubleVector b0 = DoubleVector.fromArray(S, a, offset + r * d + k0);
      c0 = b0.fma(DoubleVector.broadcast(S, w[wr]), c0);
      c1 = b0.fma(DoubleVector.broadcast(S, w[wr + 1]), c1);
      c2 = b0.fma(DoubleVector.broadcast(S, w[wr + 2]), c2);
      c3 = b0.fma(DoubleVector.broadcast(S, w[wr + 3]), c3);
    }
    c0.intoArray(gram, g0);
    c1.intoArray(gram, g0 + d);
    c2.intoArray(gram, g0 + 2 * d);
    c3.intoArray(gram, g0 + 3 * d);
  }

  @Override
  public String name() {
    return "vector-api-tiled-4x8";
  }
}
