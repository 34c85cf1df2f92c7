package org.attnreg.io;

import java.io.Serializable;
import org.attnreg.linalg.SparseEntries;

/**
 * The parse stage: turns one input record (a text line with its offset, a Parquet or DataFrame row)
 * into a row with its stable global id, written into a reused {@link Buffer}.
 */
interface RowParser<T> extends Serializable {

  /** The stable global id of the record's row. */
  long rowId(T record);

  /**
   * Parses the record into {@code out}.
   *
   * @return false when the record holds no row (blank line, comment, header)
   * @throws DataFormatException without a location when the record is malformed
   */
  boolean parse(T record, Buffer out);

  /**
   * One parsed row, reused from line to line so that parsing allocates nothing per row beyond the
   * tokens: the label b_i plus either a dense feature array or sparse (0-based index, value) pairs,
   * and the squared regulariser weight w_i² when the input has a weight column (NaN otherwise).
   */
  final class Buffer {
    private double label;
    private double w2 = Double.NaN;
    private boolean sparse;
    private double[] dense = new double[0];
    private final SparseEntries nonZeros = new SparseEntries(16);
    private int span;

    /** Starts a sparse row. */
    void startSparse() {
      sparse = true;
      nonZeros.clear();
      span = 0;
    }

    /** Starts a dense row of {@code d} features and returns its (reused) feature array. */
    double[] startDense(int d) {
      sparse = false;
      if (dense.length != d) {
        dense = new double[d];
      }
      span = d;
      return dense;
    }

    void setLabel(double b) {
      label = b;
    }

    /** The row's regulariser weight w_i (kept squared, as every pass uses it). */
    void setWeight(double w) {
      w2 = w * w;
    }

    /**
     * Records that the line names 0-based column {@code index}, and keeps the value unless it is 0
     * (explicit zeros still count towards the width).
     */
    void addSparse(int index, double value) {
      span = Math.max(span, index + 1);
      if (value != 0.0) {
        nonZeros.add(index, value);
      }
    }

    double label() {
      return label;
    }

    /** w_i², or NaN when the input has no weight column. */
    double w2() {
      return w2;
    }

    boolean isSparse() {
      return sparse;
    }

    /** The dense features (valid when not sparse). */
    double[] dense() {
      return dense;
    }

    /** Stored sparse non-zeros. */
    int count() {
      return nonZeros.size();
    }

    /** 0-based indices of the sparse non-zeros (first {@link #count} entries, ascending). */
    int[] indices() {
      return nonZeros.columns();
    }

    double[] values() {
      return nonZeros.values();
    }

    /** One more than the largest column the row names (for dense rows, d). */
    int span() {
      return span;
    }
  }
}
