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
      // One m×d copy into column-major (feature-major) order makes YᵀY a dgemm('T','N'), the shape
      // the pure-Java BLAS runs several times faster than the copy-free dgemm('N','T').
      double[] columns = new double[m * d];
      for (int r = 0; r < m; r++) {
        for (int j = 0; j < d; j++) {
          columns[j * m + r] = y[r * d + j];
        }
      }
      Blas.blas().dgemm("T", "N", d, d, m, 1.0, columns, m, columns, m, 0.0, g, d);
    }
    return g;
  }
}
