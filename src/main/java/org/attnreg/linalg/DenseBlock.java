package org.attnreg.linalg;

import java.util.Objects;

/**
 * Rows stored as one flat row-major {@code double[]} (row i occupies {@code a[i*d .. i*d+d)}),
 * the layout that streams fastest through a pass.
 */
public record DenseBlock(int rows, int cols, double[] a, double[] b, long[] rowIds) implements RowBlock {

  public DenseBlock {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(rowIds, "rowIds");
    if (a.length != (long) rows * cols || b.length != rows || rowIds.length != rows) {
      throw new IllegalArgumentException("dense block shape mismatch: rows=" + rows + ", cols=" + cols
          + ", a.length=" + a.length + ", b.length=" + b.length + ", rowIds.length=" + rowIds.length);
    }
  }

  @Override
  public long nnz() {
    return (long) rows * cols;
  }

  @Override
  public long rowId(int i) {
    return rowIds[i];
  }

  @Override
  public void margins(double[] x, double[] z) {
    if (rows == 0) {
      return;
    }
    // Column-major view: a is the d×rows matrix Aᵀ with leading dimension d, so z = (Aᵀ)ᵀ x.
    Blas.blas().dgemv("T", cols, rows, 1.0, a, cols, x, 1, 0.0, z, 1);
  }

  @Override
  public void addTransposeTimes(double[] w, double[] acc) {
    if (rows == 0) {
      return;
    }
    Blas.blas().dgemv("N", cols, rows, 1.0, a, cols, w, 1, 1.0, acc, 1);
  }

  @Override
  public void addGram(double[] h, double[] gram, int d, GramScratch scratch) {
    if (d != cols) {
      throw new IllegalArgumentException("Gram order " + d + " differs from block width " + cols);
    }
    if (rows == 0) {
      return;
    }
    // Transpose into feature-major buffers (A and diag(h)A, each rows×d column-major) so that the
    // product is dgemm('T','N'), the level-3 shape the pure-Java BLAS vectorises well.
    int n = rows;
    double[] t = scratch.featureMajor(n * d);
    double[] th = scratch.weightedFeatureMajor(n * d);
    for (int i = 0; i < n; i++) {
      int row = i * d;
      double hi = h[i];
      for (int j = 0; j < d; j++) {
        double v = a[row + j];
        t[j * n + i] = v;
        th[j * n + i] = hi * v;
      }
    }
    Blas.blas().dgemm("T", "N", d, d, n, 1.0, t, n, th, n, 1.0, gram, d);
  }

  @Override
  public void forEachNonZero(int i, NonZeroVisitor visitor) {
    int row = i * cols;
    for (int j = 0; j < cols; j++) {
      double v = a[row + j];
      if (v != 0.0) {
        visitor.accept(j, v);
      }
    }
  }
}
