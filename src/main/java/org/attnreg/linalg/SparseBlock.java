package org.attnreg.linalg;

import java.util.Objects;

/**
 * Rows stored in compressed sparse row form: row i's non-zeros are
 * {@code values[rowStart[i] .. rowStart[i+1])} at columns {@code columns[...]}, ascending. Every
 * operation costs O(nnz) of the block, except the Gram, which costs Σ_i nnz(a_i)².
 *
 * @param w2 the rows' squared regulariser weights w_i², or null when every w_i is 1
 */
public record SparseBlock(int rows, int cols, int[] rowStart, int[] columns, double[] values, double[] b,
    long[] rowIds, double[] w2) implements RowBlock {

  public SparseBlock {
    Objects.requireNonNull(rowStart, "rowStart");
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(values, "values");
    if (rowStart.length != rows + 1 || b.length != rows || rowIds.length != rows
        || columns.length != values.length || rowStart[rows] != values.length
        || (w2 != null && w2.length != rows)) {
      throw new IllegalArgumentException("sparse block shape mismatch: rows=" + rows + ", rowStart.length="
          + rowStart.length + ", nnz=" + values.length + ", b.length=" + b.length
          + (w2 == null ? "" : ", w2.length=" + w2.length));
    }
  }

  /** A block of rows without regulariser weights of their own (every w_i is 1). */
  public SparseBlock(int rows, int cols, int[] rowStart, int[] columns, double[] values, double[] b,
      long[] rowIds) {
    this(rows, cols, rowStart, columns, values, b, rowIds, null);
  }

  /** The same rows with {@code cols} columns (at least one more than the largest index stored). */
  public SparseBlock withCols(int width) {
    return new SparseBlock(rows, width, rowStart, columns, values, b, rowIds, w2);
  }

  @Override
  public long nnz() {
    return values.length;
  }

  @Override
  public long rowId(int i) {
    return rowIds[i];
  }

  @Override
  public void margins(double[] x, double[] z) {
    for (int i = 0; i < rows; i++) {
      double s = 0.0;
      for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
        s += values[k] * x[columns[k]];
      }
      z[i] = s;
    }
  }

  @Override
  public void margins(double[] x, double[] s, double[] zx, double[] zs) {
    margins(0, rows, x, s, zx, zs);
  }

  @Override
  public void margins(int from, int count, double[] x, double[] s, double[] zx, double[] zs) {
    for (int i = 0; i < count; i++) {
      double sx = 0.0;
      double ss = 0.0;
      for (int k = rowStart[from + i], end = rowStart[from + i + 1]; k < end; k++) {
        double v = values[k];
        int c = columns[k];
        sx += v * x[c];
        ss += v * s[c];
      }
      zx[i] = sx;
      zs[i] = ss;
    }
  }

  @Override
  public void addTransposeTimes(double[] w, double[] acc) {
    addTransposeTimes(0, rows, w, acc);
  }

  @Override
  public void addTransposeTimes(int from, int count, double[] w, double[] acc) {
    for (int i = 0; i < count; i++) {
      double wi = w[i];
      if (wi == 0.0) {
        continue;
      }
      for (int k = rowStart[from + i], end = rowStart[from + i + 1]; k < end; k++) {
        acc[columns[k]] += wi * values[k];
      }
    }
  }

  @Override
  public void addGram(double[] h, double[] gram, int d, GramScratch scratch) {
    for (int i = 0; i < rows; i++) {
      double hi = h[i];
      if (hi == 0.0) {
        continue;
      }
      int start = rowStart[i];
      int end = rowStart[i + 1];
      for (int k = start; k < end; k++) {
        double hv = hi * values[k];
        int rowOffset = columns[k] * d;
        for (int l = start; l <= k; l++) { // lower triangle: columns are ascending
          gram[rowOffset + columns[l]] += hv * values[l];
        }
      }
    }
  }

  @Override
  public void forEachNonZero(int i, NonZeroVisitor visitor) {
    for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      visitor.accept(columns[k], values[k]);
    }
  }
}
