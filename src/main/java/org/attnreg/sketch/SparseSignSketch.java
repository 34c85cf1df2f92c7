package org.attnreg.sketch;

import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;

/**
 * The sparse-sign (OSNAP) sketch {@code Y = S D₊^{1/2} A}: the m sketch rows are split into s
 * contiguous groups and every input row i goes to one hashed bucket of each group with a hashed
 * sign, weight {@code ±√(h_i/s)}. Grouping makes the s buckets of a row distinct without rejection.
 * Cost O(nnz(a_i)·s) per row, on dense and sparse blocks alike; payload an m×d matrix per partition.
 */
public record SparseSignSketch(SketchSize size, int nonZeros, long seed) implements Curvature {
  /** Non-zeros per column of S; 4–8 is the usual range, 8 is close to Gaussian quality. */
  public static final int DEFAULT_NONZEROS = 8;

  public SparseSignSketch {
    if (nonZeros < 1) {
      throw new IllegalArgumentException("sparse-sign non-zeros per row s must be positive: " + nonZeros);
    }
  }

  public SparseSignSketch(SketchSize size, long seed) {
    this(size, DEFAULT_NONZEROS, seed);
  }

  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    int m = size.rowsFor(d);
    return new Sketch(d, m, Math.min(nonZeros, m), seed, iteration);
  }

  @Override
  public String id() {
    return "sparse-sign(" + size + ",s=" + nonZeros + ")";
  }

  static final class Sketch extends LinearSketchAccumulator {
    private static final long serialVersionUID = 1L;

    private final int s;

    Sketch(int d, int m, int s, long seed, long iteration) {
      super(d, m, seed, iteration);
      this.s = s;
    }

    @Override
    protected void addPositive(RowBlock block, double[] h) {
      if (block instanceof DenseBlock dense && dense.cols() != d) {
        throw new IllegalArgumentException("dense block width " + dense.cols() + " differs from d = " + d);
      }
      for (int i = 0; i < block.rows(); i++) {
        if (!(h[i] > 0.0)) {
          continue;
        }
        long key = rowKey(block, i);
        double weight = Math.sqrt(h[i] / s);
        for (int g = 0; g < s; g++) {
          long bits = RowHash.draw(key, g);
          int offset = bucket(g, bits) * d;
          addRow(block, i, (bits & 1L) == 0 ? weight : -weight, offset);
        }
      }
    }

    /** The bucket of group g: uniform over the group's rows {@code [g·m/s, (g+1)·m/s)}. */
    private int bucket(int g, long bits) {
      int m = y.m();
      long lo = (long) g * m / s;
      long hi = (long) (g + 1) * m / s;
      return (int) (lo + Long.remainderUnsigned(bits >>> 1, hi - lo));
    }
  }
}
