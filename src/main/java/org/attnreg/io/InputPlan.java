package org.attnreg.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;

/**
 * The plan stage: the blocks an input will produce (not yet cached) and the dimension d when the
 * source knows it before reading everything (0 when the validation job has to find it). Text input
 * is planned by {@link TextSource} with its {@link LibSvmFormat} or {@link CsvFormat}, Parquet files
 * and DataFrames by {@link ParquetSource}; a source reads on the driver what fixes the width and
 * block kind, and leaves parsing to {@link BlockAssembler} on the executors.
 */
record InputPlan(JavaRDD<RowBlock> blocks, int d) {
  /** Blocks of sparse rows hold this many rows unless the options say otherwise. */
  private static final int SPARSE_BLOCK_ROWS = 4096;

  /**
   * The plan for {@code files} in {@code format}, over {@code partitions} partitions.
   *
   * @throws IllegalArgumentException when the weight column is not named the way the format names columns
   */
  static InputPlan forFiles(SparkSession spark, InputFiles files, InputFormat format, ReadOptions o,
      RowErrors errors, int partitions) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (format == InputFormat.PARQUET) {
      checkWeightColumn(format, o);
      return ParquetSource.plan(spark, files, o, errors, partitions);
    }
    TextLayout text = TextLayout.of(sc.hadoopConfiguration(), files, format, o);
    return new InputPlan(TextSource.blocks(sc, files, text.format(), text.header(), text.shape(), errors, partitions),
        text.d());
  }

  /**
   * How a text input is parsed and blocked, found on the driver from the options and (CSV) the first
   * row, without Spark: the Spark load and the driver's early read ({@link EarlyLoad}) share it.
   *
   * @param d the width when known before reading (CSV, or LIBSVM with numFeatures), else 0
   */
  record TextLayout(TextFormat format, boolean header, BlockAssembler.Shape shape, int d) {
    /**
     * @throws IllegalArgumentException when the weight column is not named the way the format names columns
     * @throws DataFormatException when the CSV's first row has a width the options refuse
     */
    static TextLayout of(Configuration conf, InputFiles files, InputFormat format, ReadOptions o) {
      checkWeightColumn(format, o);
      return switch (format) {
        case LIBSVM -> {
          int blockRows = o.blockRows() > 0 ? o.blockRows() : SPARSE_BLOCK_ROWS;
          yield new TextLayout(new LibSvmFormat(o.numFeatures(), o.maxFeatures()), false,
              new BlockAssembler.Shape(true, o.numFeatures(), blockRows, false), o.numFeatures());
        }
        case CSV -> {
          int width = CsvFormat.width(conf, files, o);
          int d = CsvFormat.features(width, o.weightColumn());
          int blockRows = o.blockRows() > 0 ? o.blockRows() : BlockBuilder.defaultBlockRows(d);
          yield new TextLayout(new CsvFormat(o.labelColumn(), o.weightColumn(), width), o.csvHeader(),
              new BlockAssembler.Shape(false, d, blockRows, o.weightColumn() >= 0), d);
        }
        case PARQUET -> throw new IllegalArgumentException("Parquet is not a text format");
      };
    }
  }

  /** A weight column is named the way the format names columns: by number in CSV, by name in Parquet. */
  private static void checkWeightColumn(InputFormat format, ReadOptions o) {
    if (!o.hasRowWeights()) {
      return;
    }
    switch (format) {
      case LIBSVM -> throw new IllegalArgumentException("LIBSVM rows have no weight column; give w_i in CSV"
          + " (--weight-column K) or Parquet (--weight-col NAME)");
      case CSV -> {
        if (o.weightColumn() < 0) {
          throw new IllegalArgumentException("CSV columns have no names: give the weight column by its 0-based"
              + " number (--weight-column K), not by name ('" + o.weightCol() + "')");
        }
      }
      case PARQUET -> {
        if (o.weightCol() == null) {
          throw new IllegalArgumentException("Parquet columns are named: give the weight column by name"
              + " (--weight-col NAME), not by number (" + o.weightColumn() + ")");
        }
      }
    }
  }

  /** Coalesces without a shuffle when there are too many partitions, repartitions when too few. */
  static <T> JavaRDD<T> resized(JavaRDD<T> rdd, int partitions) {
    int current = rdd.getNumPartitions();
    if (current > partitions) {
      return rdd.coalesce(partitions);
    }
    return current < partitions ? rdd.repartition(partitions) : rdd;
  }
}
