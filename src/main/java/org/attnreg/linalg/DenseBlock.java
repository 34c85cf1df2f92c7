package org.attnreg.linalg;

import java.util.Objects;

/**
 * Rows stored as one flat row-major {@code double[]} (row i occupies {@code a[i*d .. i*d+d)}),
 * the layout that streams fastest through a pass.
 *
 * @param w2 the rows' squared regulariser weights w_i², or null when every w_i is 1
 */
public record DenseBlock(int rows, int cols, double[] a, double[] b, long[] rowIds, double[] w2)
    implements RowBlock {

  public DenseBlock {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(rowIds, "rowIds");
    if (a.length != (long) rows * cols || b.length != rows || rowIds.length != rows
        || (w2 != null && w2.length != rows)) {
      throw new IllegalArgumentException("dense block shape mismatch: rows=" + rows + ", cols=" + cols
          + ", a.length=" + a.length + ", b.length=" + b.length + ", rowIds.length=" + rowIds.length
          + (w2 == null ? "" : ", w2.length=" + w2.length));
    }
  }

  /** A block of rows without regulariser weights of their own (every w_i is 1). */
  public DenseBlock(int rows, int cols, double[] a, double[] b, long[] rowIds) {
    this(rows, cols, a, b, rowIds, null);
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
    DenseKernels.get().margins(a, rows, cols, x, z);
  }

  @Override
  public void margins(double[] x, double[] s, double[] zx, double[] zs) {
    DenseKernels.get().margins(a, rows, cols, x, s, zx, zs);
  }

  @Override
  public void margins(int from, int count, double[] x, double[] s, double[] zx, double[] zs) {
    DenseKernels.get().margins(a, from, count, cols, x, s, zx, zs);
  }

  @Override
  public void addTransposeTimes(int from, int count, double[] w, double[] acc) {
    DenseKernels.get().addTransposeTimes(a, from, count, cols, new double[][] {w}, 1, new double[][] {acc});
  }

  @Override
  public void addTransposeTimes(double[] w, double[] acc) {
    DenseKernels.get().addTransposeTimes(a, rows, cols, new double[][] {w}, 1, new double[][] {acc});
  }

  @Override
  public void addTransposeTimes(double[][] w, int count, double[][] acc) {
    DenseKernels.get().addTransposeTimes(a, rows, cols, w, count, acc);
  }

  @Override
  public void addGram(double[] h, double[] gram, int d, GramScratch scratch) {
    if (d != cols) {
      throw new IllegalArgumentException("Gram order " + d + " differs from block width " + cols);
    }
    scratch.kernel().addLower(a, rows, cols, h, gram, scratch);
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
