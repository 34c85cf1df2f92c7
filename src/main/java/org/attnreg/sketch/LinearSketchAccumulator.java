package org.attnreg.sketch;

import org.attnreg.linalg.RowBlock;

/**
 * The accumulator of a linear sketch {@code Y = S D₊^{1/2} A} (m×d): partitions' Y add up, and the
 * Gram of the positive part is {@code YᵀY}. Subclasses decide how each row is spread over Y's rows.
 */
abstract class LinearSketchAccumulator extends SplitAccumulator {
  private static final long serialVersionUID = 1L;

  protected final SketchMatrix y;
  protected final long seed;
  protected final long iteration;

  LinearSketchAccumulator(int d, int m, long seed, long iteration) {
    super(d);
    this.y = new SketchMatrix(m, d);
    this.seed = seed;
    this.iteration = iteration;
  }

  /** The key every random draw for row i of {@code block} derives from. */
  protected final long rowKey(RowBlock block, int i) {
    return RowHash.rowKey(seed, iteration, block.rowId(i));
  }

  /** Y's row starting at {@code offset} += coef · a_i, in O(nnz(a_i)). */
  protected final void addRow(RowBlock block, int i, double coef, int offset) {
    ScaledRows.add(block, i, coef, y.values(), offset, d);
  }

  @Override
  protected final void mergePositive(SplitAccumulator other) {
    y.merge(((LinearSketchAccumulator) other).y);
  }

  @Override
  protected final double[] positiveGram() {
    return y.gram();
  }

  @Override
  protected final long positiveRowsKept() {
    return y.m();
  }
}
