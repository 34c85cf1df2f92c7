package org.attnreg.analysis.sensitivity;

import java.util.Arrays;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;

/**
 * {@code A + s·E} for two aligned blocks, in A's storage (dense stays dense, sparse stays sparse),
 * with A's targets and regulariser weights: only the rows of A move.
 */
final class BlockSums {
  private BlockSums() {}

  static RowBlock add(RowBlock a, RowBlock e, double s) {
    if (a instanceof DenseBlock da && e instanceof DenseBlock de && da.cols() == de.cols()) {
      return denseSum(da, de, s);
    }
    if (a instanceof DenseBlock && e.cols() > a.cols()) {
      throw new IllegalArgumentException("perturbation rows have " + e.cols() + " columns, the data " + a.cols());
    }
    return mergedSum(a, e, s);
  }

  private static DenseBlock denseSum(DenseBlock a, DenseBlock e, double s) {
    double[] sum = a.a().clone();
    double[] ev = e.a();
    for (int j = 0; j < sum.length; j++) {
      sum[j] += s * ev[j];
    }
    return new DenseBlock(a.rows(), a.cols(), sum, a.b(), rowIds(a), a.w2());
  }

  /** Row by row, merging the two ascending non-zero patterns. */
  private static RowBlock mergedSum(RowBlock a, RowBlock e, double s) {
    int cols = Math.max(a.cols(), e.cols());
    double[] w2 = a.w2();
    BlockBuilder builder = new BlockBuilder(cols, Math.max(1, a.rows()), a instanceof SparseBlock, w2 != null);
    Row ra = new Row(cols);
    Row re = new Row(cols);
    Row sum = new Row(2 * cols);
    for (int i = 0; i < a.rows(); i++) {
      ra.load(a, i);
      re.load(e, i);
      sum.merge(ra, re, s);
      builder.addSparse(a.rowId(i), a.b()[i], w2 == null ? Double.NaN : w2[i], sum.index, sum.value, sum.count);
    }
    return builder.build();
  }

  private static long[] rowIds(RowBlock a) {
    long[] ids = new long[a.rows()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = a.rowId(i);
    }
    return ids;
  }

  /** One row's non-zeros, ascending. */
  private static final class Row {
    int[] index;
    double[] value;
    int count;

    Row(int capacity) {
      index = new int[Math.max(1, capacity)];
      value = new double[Math.max(1, capacity)];
    }

    void load(RowBlock block, int i) {
      count = 0;
      block.forEachNonZero(i, this::append);
    }

    void append(int column, double v) {
      if (count == index.length) {
        index = Arrays.copyOf(index, 2 * count);
        value = Arrays.copyOf(value, 2 * count);
      }
      index[count] = column;
      value[count] = v;
      count++;
    }

    /** this = x + s·y over the union of the two patterns. */
    void merge(Row x, Row y, double s) {
      count = 0;
      int p = 0;
      int q = 0;
      while (p < x.count || q < y.count) {
        int cx = p < x.count ? x.index[p] : Integer.MAX_VALUE;
        int cy = q < y.count ? y.index[q] : Integer.MAX_VALUE;
        if (cx == cy) {
          append(cx, x.value[p++] + s * y.value[q++]);
        } else if (cx < cy) {
          append(cx, x.value[p++]);
        } else {
          append(cy, s * y.value[q++]);
        }
      }
    }
  }
}
