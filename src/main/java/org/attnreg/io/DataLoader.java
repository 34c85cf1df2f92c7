package org.attnreg.io;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.attnreg.linalg.RowBlock;
import org.attnreg.spark.SparkPassRunner;
import org.attnreg.stats.BlockPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads rows of A with their b_i from a file or a directory (LIBSVM, CSV or Parquet, through any
 * Hadoop FileSystem), or from a DataFrame, into cached blocks. The rows are read once: ONE validation job caches the
 * blocks and counts n, d and nnz, and bad rows are collected during that same job, so that bad input
 * stops the run before any solving, with a {@link DataFormatException} that says where.
 */
public final class DataLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DataLoader.class);

  private DataLoader() {}

  /**
   * Loads, caches at {@code options.storage()} and validates the input at {@code path}.
   *
   * @throws DataFormatException for missing or empty input and for malformed rows (the first of up
   *     to {@value RowErrors#KEEP_PER_PARTITION} per partition, with the total count); nothing
   *     stays cached then
   * @throws DataFormatException also when a file's content is not in the format given or inferred
   *     (see {@link FormatCheck}), or a directory mixes formats
   * @throws IllegalArgumentException when the format cannot be inferred
   */
  public static LoadedData load(SparkSession spark, String path, ReadOptions options) {
    return load(spark, path, options, null);
  }

  /**
   * As {@link #load(SparkSession, String, ReadOptions)}, taking the blocks of {@code early} when it
   * read this input for this session ({@link EarlyLoad#finish}), else through a Spark job.
   */
  public static LoadedData load(SparkSession spark, String path, ReadOptions options, EarlyLoad early) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LoadedData read = early == null ? null : early.finish(sc, options);
    if (read != null) {
      return read;
    }
    InputFiles files = InputFiles.list(sc.hadoopConfiguration(), path);
    InputFormat format = FormatCheck.resolve(sc.hadoopConfiguration(), files, options.format(), options.csvHeader());
    int partitions = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
    RowErrors errors = RowErrors.create(sc);
    long start = System.nanoTime();
    InputPlan plan = InputPlan.forFiles(spark, files, format, options, errors, partitions);
    LoadedData data = cacheAndValidate(sc, plan, options, path, (blocks, stats) -> {
      if (errors.count() > 0) {
        throw errors.report(sc.hadoopConfiguration(), files, format);
      }
      return checked(files.input(), plan.d(), blocks, stats, files.qualifiedPaths(), files.fingerprint(),
          options.hasRowWeights(), LoadedData.BY_SPARK);
    });
    LOG.info("Loaded {} ({}): n={}, d={}, nnz={}, {} partitions, in {} ms", path, format, data.n(), data.d(),
        data.nnz(), data.partitions(), (System.nanoTime() - start) / 1_000_000);
    return data;
  }

  /**
   * Loads, caches at {@code options.storage()} and validates the rows of a DataFrame: b from the
   * numeric column {@code options.labelCol()}, the row from {@code options.featuresCol()} (a Spark ML
   * vector or an array of numbers) and, when {@code options.weightCol()} is set, the regulariser
   * weight w_i from that numeric column, exactly as Parquet rows are read. Only the partitions, block
   * rows, numFeatures and storage of the options apply besides. The result has no files; its fingerprint is the
   * DataFrame's plan hash.
   *
   * @throws DataFormatException for a missing or mistyped column, no rows, and malformed rows (null or
   *     non-finite values, rows of different widths), naming the DataFrame partition and row
   */
  public static LoadedData fromDataFrame(Dataset<?> df, ReadOptions options) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    int partitions = options.partitions() > 0 ? options.partitions() : sc.defaultParallelism();
    RowErrors errors = RowErrors.create(sc);
    InputPlan plan = ParquetSource.planDataFrame(df, options, errors, partitions);
    String fingerprint = "dataframe-plan:" + Integer.toHexString(df.semanticHash());
    return cacheAndValidate(sc, plan, options, ParquetSource.DATAFRAME, (blocks, stats) -> {
      if (errors.count() > 0) {
        throw errors.reportForDataFrame();
      }
      return checked(ParquetSource.DATAFRAME, plan.d(), blocks, stats, List.of(), fingerprint,
          options.weightCol() != null, LoadedData.BY_SPARK);
    });
  }

  /** What the validation job (or {@link EarlyLoad}) counts over the blocks: rows, non-zeros, widest block. */
  static final class LoadStats implements Serializable {
    private static final long serialVersionUID = 1L;
    private long rows;
    private long nnz;
    private int maxCols;

    LoadStats add(RowBlock block) {
      rows += block.rows();
      nnz += block.nnz();
      maxCols = Math.max(maxCols, block.cols());
      return this;
    }

    LoadStats merge(LoadStats other) {
      rows += other.rows;
      nnz += other.nnz;
      maxCols = Math.max(maxCols, other.maxCols);
      return this;
    }

    /** The counts of blocks held in this JVM, partition by partition. */
    static LoadStats counted(List<List<RowBlock>> partitions) {
      LoadStats stats = new LoadStats();
      partitions.forEach(partition -> partition.forEach(stats::add));
      return stats;
    }
  }

  /** Turns the cached blocks and their counts into the loaded data, or throws the input's errors. */
  @FunctionalInterface
  private interface Validation {
    LoadedData check(JavaRDD<RowBlock> blocks, LoadStats stats);
  }

  /** ONE job caches the blocks and counts them; nothing stays cached when validation fails. */
  private static LoadedData cacheAndValidate(JavaSparkContext sc, InputPlan plan, ReadOptions options,
      String what, Validation validation) {
    JavaRDD<RowBlock> blocks = plan.blocks().persist(options.storage());
    try {
      LoadStats stats = SparkPassRunner.over(sc, blocks, "attnreg: ").run(new BlockPass<RowBlock, Void, LoadStats>(
          "load and validate " + what, null, LoadStats::new, (agg, block, unused) -> agg.add(block), LoadStats::merge));
      return validation.check(blocks, stats);
    } catch (RuntimeException e) {
      blocks.unpersist(false);
      throw e;
    }
  }

  /**
   * The loaded data from the cached blocks' counts, or the error of an input without rows or width.
   *
   * @param planD the width the plan knew before reading, or 0 for the widest block's
   */
  static LoadedData checked(String input, int planD, JavaRDD<RowBlock> blocks, LoadStats stats, List<String> files,
      String fingerprint, boolean rowWeighted, String readBy) {
    if (stats.rows == 0) {
      throw new DataFormatException(input, 0, null, null, "no rows");
    }
    int d = planD > 0 ? planD : stats.maxCols;
    if (d == 0) {
      throw new DataFormatException(input, 0, null, null,
          "no row names a feature index, so d is unknown; give numFeatures");
    }
    return new LoadedData(blocks, stats.rows, d, stats.nnz, blocks.getNumPartitions(), files, fingerprint, rowWeighted,
        readBy);
  }
}
