package org.attnreg.sketch;

import java.io.Serializable;
import org.attnreg.linalg.Blas;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;

/**
 * The exact Gram {@code Σ_{i∈S} w_i a_i a_iᵀ} of a few selected rows (rows with a negative Hessian
 * weight, or rows a leverage sampler kept), with arbitrary-sign weights. Sparse rows cost
 * {@code nnz(a_i)²} each; dense rows are buffered feature-major and flushed as one
 * {@code dgemm('T','N')}, so a kept dense row costs d² flops at level-3 speed. The d×d array is
 * allocated on the first row, so an empty accumulator shipped to every partition stays small.
 */
final class RowsGram implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BUFFER_ROWS = 128;

  private final int d;
  private double[] gram;
  private long rows;
  private transient double[] plain;
  private transient double[] weighted;
  private transient int buffered;

  RowsGram(int d) {
    this.d = d;
  }

  /** Adds {@code weight · a_i a_iᵀ} for row i of the block. */
  void add(RowBlock block, int i, double weight) {
    ensureGram();
    rows++;
    if (block instanceof DenseBlock dense) {
      buffer(dense, i, weight);
    } else {
      addSparse((SparseBlock) block, i, weight); // RowBlock is sealed: dense or sparse
    }
  }

  private void addSparse(SparseBlock s, int i, double weight) {
    int[] col = s.columns();
    double[] val = s.values();
    int start = s.rowStart()[i];
    int end = s.rowStart()[i + 1];
    for (int k = start; k < end; k++) {
      double wv = weight * val[k];
      int offset = col[k] * d;
      for (int l = start; l < end; l++) {
        gram[offset + col[l]] += wv * val[l];
      }
    }
  }

  private void buffer(DenseBlock block, int i, double weight) {
    if (block.cols() != d) {
      throw new IllegalArgumentException("dense block width " + block.cols() + " differs from d = " + d);
    }
    if (plain == null) {
      plain = new double[BUFFER_ROWS * d];
      weighted = new double[BUFFER_ROWS * d];
    }
    double[] a = block.a();
    int row = i * d;
    for (int j = 0; j < d; j++) {
      double v = a[row + j];
      plain[j * BUFFER_ROWS + buffered] = v;
      weighted[j * BUFFER_ROWS + buffered] = weight * v;
    }
    if (++buffered == BUFFER_ROWS) {
      flush();
    }
  }

  /** Folds buffered dense rows into the Gram; callers flush before the accumulator leaves the task. */
  void flush() {
    if (buffered == 0) {
      return;
    }
    Blas.blas().dgemm("T", "N", d, d, buffered, 1.0, plain, BUFFER_ROWS, weighted, BUFFER_ROWS, 1.0, gram, d);
    buffered = 0;
  }

  void merge(RowsGram other) {
    flush();
    other.flush();
    if (other.gram == null) {
      return;
    }
    ensureGram();
    for (int j = 0; j < gram.length; j++) {
      gram[j] += other.gram[j];
    }
    rows += other.rows;
  }

  /** Adds this Gram into {@code target} (row-major d×d). */
  void addTo(double[] target) {
    flush();
    if (gram == null) {
      return;
    }
    for (int j = 0; j < gram.length; j++) {
      target[j] += gram[j];
    }
  }

  long rows() {
    return rows;
  }

  private void ensureGram() {
    if (gram == null) {
      gram = new double[d * d];
    }
  }
}
