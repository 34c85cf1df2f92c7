package org.attnreg.sketch;

import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;

/**
 * The split every sketch needs: {@code Aᵀ diag(h) A = Aᵀ D₊ A + Aᵀ D₋ A}. Only the PSD part
 * {@code D₊} has a square root, so only rows with {@code h_i > 0} reach the subclass's sketch (as
 * {@code √h_i · a_i}); rows with {@code h_i < 0} are added exactly. Near the optimum they are few
 * (softmax: {@code h_i = f_i(2f_i − b_i − κ)} → {@code f_i² > 0} at an exact fit; maths.md §2 has
 * 0–2 of 4000), but far from it about half of the softmax rows are negative and the pass then costs
 * close to the exact Gram (measured: rowsKept ≈ n/2 at a random start). Rows with
 * {@code h_i = 0} contribute nothing and are skipped. {@link #rowsKept} counts both parts.
 */
abstract class SplitAccumulator implements Curvature.Accumulator {
  private static final long serialVersionUID = 1L;

  /** The problem dimension. */
  protected final int d;
  private final RowsGram negative;

  SplitAccumulator(int d) {
    this.d = d;
    this.negative = new RowsGram(d);
  }

  @Override
  public final void add(RowBlock block, double[] h) {
    int n = block.rows();
    for (int i = 0; i < n; i++) {
      if (h[i] < 0.0) {
        negative.add(block, i, h[i]);
      }
    }
    negative.flush();
    addPositive(block, h);
  }

  @Override
  public final Curvature.Accumulator merge(Curvature.Accumulator other) {
    SplitAccumulator o = (SplitAccumulator) other;
    negative.merge(o.negative);
    mergePositive(o);
    return this;
  }

  @Override
  public final double[] gram() {
    double[] g = positiveGram();
    negative.addTo(g);
    return g;
  }

  @Override
  public final long rowsKept() {
    return positiveRowsKept() + negative.rows();
  }

  /** Rows with a negative weight, each added exactly. */
  public final long negativeRows() {
    return negative.rows();
  }

  /** Sketches rows i with {@code h[i] > 0} as {@code √h_i a_i}; must skip every other row. */
  protected abstract void addPositive(RowBlock block, double[] h);

  /** Adds another accumulator's positive part (same kind, size, seed and iteration). */
  protected abstract void mergePositive(SplitAccumulator other);

  /** A fresh row-major d×d approximation of {@code Aᵀ D₊ A}. */
  protected abstract double[] positiveGram();

  /** The rows (m) or sampled rows the positive part kept. */
  protected abstract long positiveRowsKept();
}
