package org.attnreg.sketch;

import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;
import org.attnreg.stats.Curvature;

/**
 * The sparse-sign (OSNAP) sketch {@code Y = S D₊^{1/2} A}: the m sketch rows are split into s
 * contiguous groups and every input row i goes to one hashed bucket of each group with a hashed
 * sign, weight {@code ±√(h_i/s)}. Grouping makes the s buckets of a row distinct without rejection.
 * Cost O(nnz(a_i)·s) per row, on dense and sparse blocks alike; payload an m×d matrix per partition.
 */
public final class SparseSignSketch implements Curvature {
  private static final long serialVersionUID = 1L;
  /** Non-zeros per column of S; 4–8 is the usual range, 8 is close to Gaussian quality. */
  public static final int DEFAULT_NONZEROS = 8;

  private final SketchSize size;
  private final int nonZeros;
  private final long seed;

  public SparseSignSketch(SketchSize size, int nonZeros, long seed) {
    if (nonZeros < 1) {
      throw new IllegalArgumentException("sparse-sign non-zeros per row s must be positive: " + nonZeros);
    }
    this.size = size;
    this.nonZeros = nonZeros;
    this.seed = seed;
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

  static final class Sketch extends SplitAccumulator {
    private static final long serialVersionUID = 1L;

    private final SketchMatrix y;
    private final int s;
    private final long seed;
    private final long iteration;

    Sketch(int d, int m, int s, long seed, long iteration) {
      super(d);
      this.y = new SketchMatrix(m, d);
      this.s = s;
      this.seed = seed;
      this.iteration = iteration;
    }

    @Override
    protected void addPositive(RowBlock block, double[] h) {
      if (block instanceof DenseBlock dense && dense.cols() != d) {
        throw new IllegalArgumentException("dense block width " + dense.cols() + " differs from d = " + d);
      }
      double[] values = y.values();
      for (int i = 0; i < block.rows(); i++) {
        if (!(h[i] > 0.0)) {
          continue;
        }
        long key = RowHash.rowKey(seed, iteration, block.rowId(i));
        double weight = Math.sqrt(h[i] / s);
        for (int g = 0; g < s; g++) {
          long bits = RowHash.draw(key, g);
          int offset = bucket(g, bits) * d;
          double coef = (bits & 1L) == 0 ? weight : -weight;
          if (block instanceof DenseBlock dense) {
            axpyDense(dense, i, coef, values, offset);
          } else {
            axpySparse((SparseBlock) block, i, coef, values, offset); // RowBlock is sealed
          }
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

    private void axpyDense(DenseBlock block, int i, double coef, double[] values, int offset) {
      double[] a = block.a();
      int row = i * d;
      for (int j = 0; j < d; j++) {
        values[offset + j] += coef * a[row + j];
      }
    }

    private static void axpySparse(SparseBlock block, int i, double coef, double[] values, int offset) {
      int[] col = block.columns();
      double[] val = block.values();
      for (int k = block.rowStart()[i], end = block.rowStart()[i + 1]; k < end; k++) {
        values[offset + col[k]] += coef * val[k];
      }
    }

    @Override
    protected void mergePositive(SplitAccumulator other) {
      y.merge(((Sketch) other).y);
    }

    @Override
    protected double[] positiveGram() {
      return y.gram();
    }

    @Override
    protected long positiveRowsKept() {
      return y.m();
    }
  }
}
