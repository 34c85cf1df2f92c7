package org.attnreg.sketch;

import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;

/** Adds a scaled row of a block into a row-major sketch buffer: the one update every linear sketch makes. */
final class ScaledRows {
  private ScaledRows() {}

  /** {@code target[offset .. offset+d) += coef · a_i}, in O(nnz(a_i)). */
  static void add(RowBlock block, int i, double coef, double[] target, int offset, int d) {
    if (block instanceof DenseBlock dense) {
      double[] a = dense.a();
      int row = i * d;
      for (int j = 0; j < d; j++) {
        target[offset + j] += coef * a[row + j];
      }
    } else {
      SparseBlock sparse = (SparseBlock) block; // RowBlock is sealed: dense or sparse
      int[] col = sparse.columns();
      double[] val = sparse.values();
      for (int k = sparse.rowStart()[i], end = sparse.rowStart()[i + 1]; k < end; k++) {
        target[offset + col[k]] += coef * val[k];
      }
    }
  }
}
