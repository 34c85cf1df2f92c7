package org.attnreg.linalg;

import java.io.Serializable;

/**
 * A block of consecutive rows of {@code A} with their targets {@code b_i} and stable global row ids.
 *
 * <p>Blocks are the unit every pass works on: one margin product {@code z = A_blk x}, one
 * transposed product {@code A_blkᵀ w} per weight column and one weighted Gram update, so that
 * per-row work is a tight scalar loop and never an object per row.
 */
public sealed interface RowBlock extends Serializable permits DenseBlock, SparseBlock {

  /** Number of rows in this block. */
  int rows();

  /**
   * Columns held by this block: d for a dense block; for a sparse block at least one more than its
   * largest column index (the dimension d of the problem is passed to {@link #addGram}).
   */
  int cols();

  /** Stored non-zeros (rows·d for a dense block). */
  long nnz();

  /** The targets b_i of this block's rows; callers must not modify it. */
  double[] b();

  /**
   * The squared regulariser weights w_i² of this block's rows (row i adds ½ w² w_i² z_i² to the
   * loss, w² the uniform factor of the {@code Regularizer}), or null when the input gave none, which
   * means w_i = 1 for every row; callers must not modify it.
   */
  double[] w2();

  /** The stable global id of row i, used to key every random choice made for that row. */
  long rowId(int i);

  /** z[i] = a_i · x for every row of the block. */
  void margins(double[] x, double[] z);

  /**
   * zx[i] = a_i · x and zs[i] = a_i · s: both margins of a line search; a dense block reads each row
   * once for the two of them.
   */
  default void margins(double[] x, double[] s, double[] zx, double[] zs) {
    margins(x, zx);
    margins(s, zs);
  }

  /**
   * The two margins of rows {@code from .. from+count-1} only, into {@code zx[0..count-1]} and
   * {@code zs[0..count-1]}: a window of rows that stays in cache for a sweep over the same rows
   * right after, so that a pass needing both reads each row from memory once.
   */
  void margins(int from, int count, double[] x, double[] s, double[] zx, double[] zs);

  /** acc += Σ_{i < count} w[i] a_{from+i}: the transposed product over a window of rows. */
  void addTransposeTimes(int from, int count, double[] w, double[] acc);

  /** acc += Aᵀ w, i.e. acc += Σ_i w[i] a_i. */
  void addTransposeTimes(double[] w, double[] acc);

  /** acc[k] += Aᵀ w[k] for k < count; a dense block reads each row once for all of them. */
  default void addTransposeTimes(double[][] w, int count, double[][] acc) {
    for (int k = 0; k < count; k++) {
      addTransposeTimes(w[k], acc[k]);
    }
  }

  /**
   * The lower triangle (row ≥ column) of gram += Aᵀ diag(h) A, for a row-major d×d {@code gram}.
   * The strict upper triangle is scratch until {@link Grams#mirrorLower} is applied to the sum.
   *
   * @param d the problem dimension (the order of {@code gram})
   * @param scratch per-task scratch space, reused across blocks
   */
  void addGram(double[] h, double[] gram, int d, GramScratch scratch);

  /** Calls {@code visitor} with the non-zeros of row i (index, value), in ascending index order. */
  void forEachNonZero(int i, NonZeroVisitor visitor);

  /** Receives one non-zero of a row. */
  @FunctionalInterface
  interface NonZeroVisitor {
    void accept(int column, double value);
  }
}
