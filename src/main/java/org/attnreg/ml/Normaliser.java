package org.attnreg.ml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.ValueAggregate;

/**
 * The normaliser of a normalised family over a DataFrame's margins (e.g. {@code log α = log Σ e^{z_i}}
 * for softmax), from ONE pass: the family's own value pass, with its per-partition max-shift and
 * rescaling merge, so no {@code exp} overflows whatever the margins. The margins are fed to it as
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
  static Globals globals(LossFamily family, Dataset<Row> frame, String marginCol) {
    JavaRDD<Row> margins = frame.select(marginCol).where(frame.col(marginCol).isNotNull()).javaRDD();
    JavaRDD<RowBlock> blocks = margins.mapPartitions(Normaliser::blocks);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
    Problem problem = new Problem(family, Regularizer.NONE, 1);
    LineBatch at = LineBatch.at(UNIT);
    ValueAggregate total = DistributedEvaluator.over(sc, blocks, problem, "attnreg: ")
        .pass(ValueAggregate.pass(problem, at, "prediction normaliser"));
    return total.rows() == 0 ? null : total.finish(at, Regularizer.NONE)[0].globals();
  }

  /** One partition's margins as blocks of (margin) rows with target 0. */
  private static Iterator<RowBlock> blocks(Iterator<Row> rows) {
    List<RowBlock> blocks = new ArrayList<>();
    BlockBuilder builder = new BlockBuilder(1, BLOCK_ROWS, false);
    double[] row = new double[1];
    while (rows.hasNext()) {
      row[0] = rows.next().getDouble(0);
      builder.addDense(0L, 0.0, row);
      if (builder.isFull()) {
        blocks.add(builder.build());
      }
    }
    if (!builder.isEmpty()) {
      blocks.add(builder.build());
    }
    return blocks.iterator();
  }
}
