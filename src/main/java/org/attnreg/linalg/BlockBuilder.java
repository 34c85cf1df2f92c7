package org.attnreg.linalg;

import java.util.Arrays;

/**
 * Collects rows one at a time into {@link RowBlock}s of at most {@code blockRows} rows, dense or
 * sparse (CSR), growing its arrays geometrically so that building costs O(nnz) overall.
 */
public final class BlockBuilder {
  private final int cols;
  private final int blockRows;
  private final boolean sparse;
  private int rows;
  private double[] b;
  private long[] rowIds;
  private double[] dense;
  private int[] rowStart;
  private int[] columns;
  private double[] values;
  private int nnz;

  public BlockBuilder(int cols, int blockRows, boolean sparse) {
    if (cols < 1 || blockRows < 1) {
      throw new IllegalArgumentException("cols and blockRows must be positive: " + cols + ", " + blockRows);
    }
    this.cols = cols;
    this.blockRows = blockRows;
    this.sparse = sparse;
    reset();
  }

  /** The block size that keeps a dense block near 1 MiB, clamped to [256, 4096] rows. */
  public static int defaultBlockRows(int cols) {
    return Math.max(256, Math.min(4096, (1 << 20) / (8 * Math.max(1, cols))));
  }

  private void reset() {
    int capacity = Math.min(blockRows, 64);
    rows = 0;
    nnz = 0;
    b = new double[capacity];
    rowIds = new long[capacity];
    if (sparse) {
      rowStart = new int[capacity + 1];
      columns = new int[capacity * 4];
      values = new double[capacity * 4];
    } else {
      dense = new double[capacity * cols];
    }
  }

  public boolean isFull() {
    return rows == blockRows;
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  /** Adds a dense row (length cols). */
  public void addDense(long rowId, double label, double[] row) {
    ensureRowCapacity();
    if (sparse) {
      for (int j = 0; j < cols; j++) {
        if (row[j] != 0.0) {
          appendNonZero(j, row[j]);
        }
      }
      rowStart[rows + 1] = nnz;
    } else {
      System.arraycopy(row, 0, dense, rows * cols, cols);
    }
    finishRow(rowId, label);
  }

  /** Adds a sparse row given its first {@code count} (column, value) pairs in ascending column order. */
  public void addSparse(long rowId, double label, int[] cols0, double[] vals, int count) {
    ensureRowCapacity();
    if (sparse) {
      for (int k = 0; k < count; k++) {
        appendNonZero(cols0[k], vals[k]);
      }
      rowStart[rows + 1] = nnz;
    } else {
      int offset = rows * cols;
      Arrays.fill(dense, offset, offset + cols, 0.0);
      for (int k = 0; k < count; k++) {
        dense[offset + cols0[k]] = vals[k];
      }
    }
    finishRow(rowId, label);
  }

  private void finishRow(long rowId, double label) {
    b[rows] = label;
    rowIds[rows] = rowId;
    rows++;
  }

  private void appendNonZero(int column, double value) {
    if (nnz == values.length) {
      columns = Arrays.copyOf(columns, nnz * 2);
      values = Arrays.copyOf(values, nnz * 2);
    }
    columns[nnz] = column;
    values[nnz] = value;
    nnz++;
  }

  private void ensureRowCapacity() {
    if (rows == blockRows) {
      throw new IllegalStateException("block is full; call build() first");
    }
    if (rows < b.length) {
      return;
    }
    int capacity = Math.min(blockRows, b.length * 2);
    b = Arrays.copyOf(b, capacity);
    rowIds = Arrays.copyOf(rowIds, capacity);
    if (sparse) {
      rowStart = Arrays.copyOf(rowStart, capacity + 1);
    } else {
      dense = Arrays.copyOf(dense, capacity * cols);
    }
  }

  /** Returns the rows added since the last build as one block, and starts a new one. */
  public RowBlock build() {
    RowBlock block;
    if (sparse) {
      block = new SparseBlock(rows, cols, Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(columns, nnz),
          Arrays.copyOf(values, nnz), Arrays.copyOf(b, rows), Arrays.copyOf(rowIds, rows));
    } else {
      block = new DenseBlock(rows, cols, Arrays.copyOf(dense, rows * cols), Arrays.copyOf(b, rows),
          Arrays.copyOf(rowIds, rows));
    }
    reset();
    return block;
  }
}
