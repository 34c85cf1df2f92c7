package org.attnreg.linalg;

import java.util.Arrays;

/**
 * A growable list of (column, value) pairs, doubling its arrays when full so that appending n
 * pairs costs O(n): the non-zeros of one parsed row, or of a sparse block being built.
 */
public final class SparseEntries {
  private int[] columns;
  private double[] values;
  private int size;

  public SparseEntries(int capacity) {
    columns = new int[Math.max(1, capacity)];
    values = new double[columns.length];
  }

  public void add(int column, double value) {
    if (size == values.length) {
      columns = Arrays.copyOf(columns, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    columns[size] = column;
    values[size] = value;
    size++;
  }

  /** Forgets every pair, keeping the arrays for reuse. */
  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The columns; only the first {@link #size} entries are pairs. */
  public int[] columns() {
    return columns;
  }

  /** The values; only the first {@link #size} entries are pairs. */
  public double[] values() {
    return values;
  }
}
