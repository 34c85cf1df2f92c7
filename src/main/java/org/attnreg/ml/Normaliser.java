package org.attnreg.ml;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.ValueAggregate;

/**
 * The normaliser of a normalised family over a DataFrame's margins (e.g. {@code log α = log Σ e^{z_i}}
 * for softmax), from ONE aggregate: the family's own value pass, with its per-partition max-shift
 * and rescaling merge, so no {@code exp} overflows whatever the margins. The margins are fed to it as
 * a one-column matrix evaluated at x = (1), which makes the pass's margins exactly the given ones.
 */
final class Normaliser {
  private static final double[] UNIT = {1.0};
  private static final int BLOCK_ROWS = 4096;

  private Normaliser() {}

  /**
   * The family's globals (as a value pass at the fitted x gives them) over the non-null values of
   * the double column {@code marginCol}, or null when there is none.
   */
  static double[] globals(LossFamily family, Dataset<Row> frame, String marginCol) {
    JavaRDD<Row> margins = frame.select(marginCol).where(frame.col(marginCol).isNotNull()).javaRDD();
    ValueAggregate total = margins.mapPartitions(rows -> List.of(fold(family, rows)).iterator())
        .reduce(ValueAggregate::merge);
    if (total.rows() == 0) {
      return null;
    }
    LineBatch at = LineBatch.at(UNIT);
    return total.finish(at, Regularizer.NONE)[0].globals();
  }

  /** One partition's margins as blocks of (margin) rows with target 0, folded into a value aggregate. */
  private static ValueAggregate fold(LossFamily family, Iterator<Row> rows) {
    LineBatch at = LineBatch.at(UNIT);
    ValueAggregate agg = ValueAggregate.empty(family, 1);
    BlockBuilder builder = new BlockBuilder(1, BLOCK_ROWS, false);
    double[] row = new double[1];
    while (rows.hasNext()) {
      row[0] = rows.next().getDouble(0);
      builder.addDense(0L, 0.0, row);
      if (builder.isFull()) {
        agg.add(builder.build(), at);
      }
    }
    if (!builder.isEmpty()) {
      agg.add(builder.build(), at);
    }
    return agg;
  }
}
