package org.attnreg.sketch;

import java.io.Serializable;
import org.attnreg.linalg.Blas;

/**
 * The m×d matrix {@code Y = S D₊^{1/2} A} of a linear sketch, row-major, allocated on first use so
 * that the empty accumulator Spark serialises to every partition carries no m×d zeros. Linear in
 * the rows, so partitions merge by addition and {@code gram() = YᵀY}.
 */
final class SketchMatrix implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int m;
  private final int d;
  private double[] y;

  SketchMatrix(int m, int d) {
    this.m = m;
    this.d = d;
  }

  int m() {
    return m;
  }

  /** The row-major m×d array, allocated on first use. */
  double[] values() {
    if (y == null) {
      y = new double[m * d];
    }
    return y;
  }

  void merge(SketchMatrix other) {
    if (other.m != m || other.d != d) {
      throw new IllegalArgumentException("cannot merge an " + other.m + "×" + other.d + " sketch into an "
          + m + "×" + d + " one");
    }
    if (other.y == null) {
      return;
    }
    double[] mine = values();
    for (int j = 0; j < mine.length; j++) {
      mine[j] += other.y[j];
    }
  }

  /** YᵀY, row-major d×d (symmetric). */
  double[] gram() {
    double[] g = new double[d * d];
    if (y != null) {
      // Row-major m×d Y is the column-major d×m matrix Yᵀ, so YᵀY = (Yᵀ)(Yᵀ)ᵀ is dgemm('N','T').
      Blas.blas().dgemm("N", "T", d, d, m, 1.0, y, d, y, d, 0.0, g, d);
    }
    return g;
  }
}
