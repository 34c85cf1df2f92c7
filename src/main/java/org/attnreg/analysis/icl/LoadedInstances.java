package org.attnreg.analysis.icl;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.attnreg.io.LoadedData;
import org.attnreg.linalg.RowBlock;

/**
 * Brings a loaded instance to the driver as a {@link SoftmaxInstance}: rows in row-id order (file,
 * then position), sparse rows expanded to dense. The ICL analysis is O(n²d) on the driver, so an
 * instance above {@link SelfAttention#MAX_ROWS} rows is refused from its row count, before anything
 * is collected.
 */
public final class LoadedInstances {
  private LoadedInstances() {}

  /** @throws IllegalArgumentException if n exceeds the ICL limit */
  public static SoftmaxInstance collect(LoadedData data, String path) {
    if (data.n() > SelfAttention.MAX_ROWS) {
      throw new IllegalArgumentException("--input " + path + ": n = " + data.n() + " rows exceeds the driver-side"
          + " limit of the icl analysis, n ≤ " + SelfAttention.MAX_ROWS + " (it builds an n×n attention matrix);"
          + " use a sample of the rows");
    }
    List<RowBlock> blocks = data.blocks().collect();
    int n = (int) data.n();
    long[][] order = new long[n][];
    int k = 0;
    for (int blk = 0; blk < blocks.size(); blk++) {
      for (int i = 0; i < blocks.get(blk).rows(); i++) {
        order[k++] = new long[] {blocks.get(blk).rowId(i), blk, i};
      }
    }
    Arrays.sort(order, Comparator.comparingLong(o -> o[0]));
    double[][] a = new double[n][data.d()];
    double[] b = new double[n];
    for (int r = 0; r < n; r++) {
      RowBlock block = blocks.get((int) order[r][1]);
      int i = (int) order[r][2];
      double[] row = a[r];
      block.forEachNonZero(i, (column, value) -> row[column] = value);
      b[r] = block.b()[i];
    }
    return new SoftmaxInstance(a, b);
  }
}
