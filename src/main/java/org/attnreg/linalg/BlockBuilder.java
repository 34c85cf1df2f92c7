package org.attnreg.linalg;

import java.util.Arrays;

/**
 * Collects rows one at a time into {@link RowBlock}s of at most {@code blockRows} rows, dense or
 * sparse (CSR), growing its arrays geometrically so that building costs O(nnz) overall. A weighted
 * builder also keeps each row's squared regulariser weight w_i²; an unweighted one refuses them.
 */
public final class BlockBuilder {
  private final int cols;
  private final int blockRows;
  private final boolean sparse;
  private final boolean weighted;
  private int rows;
  private double[] b;
  private double[] w2;
  private long[] rowIds;
  private double[] dense;
  private int[] rowStart;
  private SparseEntries nonZeros;

  /** A builder of rows without regulariser weights of their own. */
  public BlockBuilder(int cols, int blockRows, boolean sparse) {
    this(cols, blockRows, sparse, false);
  }

  /** A builder whose rows each carry a squared regulariser weight w_i² when {@code weighted}. */
  public BlockBuilder(int cols, int blockRows, boolean sparse, boolean weighted) {
    if (cols < 1 || blockRows < 1) {
      throw new IllegalArgumentException("cols and blockRows must be positive: " + cols + ", " + blockRows);
    }
    this.cols = cols;
    this.blockRows = blockRows;
    this.sparse = sparse;
    this.weighted = weighted;
    reset();
  }

  /** The block size that keeps a dense block near 1 MiB, clamped to [256, 4096] rows. */
  public static int defaultBlockRows(int cols) {
    return Math.max(256, Math.min(4096, (1 << 20) / (8 * Math.max(1, cols))));
  }

  private void reset() {
    int capacity = Math.min(blockRows, 64);
    rows = 0;
    b = new double[capacity];
    rowIds = new long[capacity];
    w2 = weighted ? new double[capacity] : null;
    if (sparse) {
      rowStart = new int[capacity + 1];
      nonZeros = new SparseEntries(capacity * 4);
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

  /** Adds a dense row (length cols) of an unweighted builder. */
  public void addDense(long rowId, double label, double[] row) {
    addDense(rowId, label, Double.NaN, row);
  }

  /** Adds a dense row (length cols) with its squared regulariser weight (ignored, NaN, when unweighted). */
  public void addDense(long rowId, double label, double rowW2, double[] row) {
    ensureRowCapacity(rowW2);
    if (sparse) {
      for (int j = 0; j < cols; j++) {
        if (row[j] != 0.0) {
          nonZeros.add(j, row[j]);
        }
      }
      rowStart[rows + 1] = nonZeros.size();
    } else {
      System.arraycopy(row, 0, dense, rows * cols, cols);
    }
    finishRow(rowId, label, rowW2);
  }

  /** Adds a sparse row of an unweighted builder, given its first {@code count} (column, value) pairs. */
  public void addSparse(long rowId, double label, int[] cols0, double[] vals, int count) {
    addSparse(rowId, label, Double.NaN, cols0, vals, count);
  }

  /**
   * Adds a sparse row given its first {@code count} (column, value) pairs in ascending column order,
   * with its squared regulariser weight (NaN when the builder is unweighted).
   */
  public void addSparse(long rowId, double label, double rowW2, int[] cols0, double[] vals, int count) {
    ensureRowCapacity(rowW2);
    if (sparse) {
      for (int k = 0; k < count; k++) {
        nonZeros.add(cols0[k], vals[k]);
      }
      rowStart[rows + 1] = nonZeros.size();
    } else {
      int offset = rows * cols;
      Arrays.fill(dense, offset, offset + cols, 0.0);
      for (int k = 0; k < count; k++) {
        dense[offset + cols0[k]] = vals[k];
      }
    }
    finishRow(rowId, label, rowW2);
  }

  private void finishRow(long rowId, double label, double rowW2) {
    b[rows] = label;
    rowIds[rows] = rowId;
    if (weighted) {
      w2[rows] = rowW2;
    }
    rows++;
  }

  private void ensureRowCapacity(double rowW2) {
    if (rows == blockRows) {
      throw new IllegalStateException("block is full; call build() first");
    }
    if (weighted != !Double.isNaN(rowW2)) {
      throw new IllegalArgumentException(weighted ? "a weighted builder needs each row's w_i², got NaN"
          : "an unweighted builder takes no row weight, got " + rowW2);
    }
    if (rows < b.length) {
      return;
    }
    int capacity = Math.min(blockRows, b.length * 2);
    b = Arrays.copyOf(b, capacity);
    rowIds = Arrays.copyOf(rowIds, capacity);
    if (weighted) {
      w2 = Arrays.copyOf(w2, capacity);
    }
    if (sparse) {
      rowStart = Arrays.copyOf(rowStart, capacity + 1);
    } else {
      dense = Arrays.copyOf(dense, capacity * cols);
    }
  }

  /** Returns the rows added since the last build as one block, and starts a new one. */
  public RowBlock build() {
    RowBlock block;
    double[] blockW2 = weighted ? Arrays.copyOf(w2, rows) : null;
    if (sparse) {
      int nnz = nonZeros.size();
      block = new SparseBlock(rows, cols, Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(nonZeros.columns(), nnz),
          Arrays.copyOf(nonZeros.values(), nnz), Arrays.copyOf(b, rows), Arrays.copyOf(rowIds, rows), blockW2);
    } else {
      block = new DenseBlock(rows, cols, Arrays.copyOf(dense, rows * cols), Arrays.copyOf(b, rows),
          Arrays.copyOf(rowIds, rows), blockW2);
    }
    reset();
    return block;
  }
}
