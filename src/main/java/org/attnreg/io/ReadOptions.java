package org.attnreg.io;

import java.util.Objects;
import org.apache.spark.storage.StorageLevel;

/**
 * How to read the rows of A and b.
 *
 * @param format the input format, or null to infer it from the path (then from the first file)
 * @param partitions partitions of the cached blocks; 0 means Spark's default parallelism
 * @param csvHeader CSV only: the first line of every file is a header and is skipped
 * @param labelColumn CSV only: 0-based column holding b_i (the other columns are a_i, in order)
 * @param labelCol Parquet only: name of the numeric column holding b_i
 * @param featuresCol Parquet only: name of the features column (Spark ML vector or {@code array<double>})
 * @param numFeatures d; 0 infers it (LIBSVM: largest index; CSV/Parquet: row width, which must then
 *     equal numFeatures when it is given)
 * @param blockRows rows per cached block; 0 picks {@link org.attnreg.linalg.BlockBuilder#defaultBlockRows}
 * @param storage storage level of the cached blocks
 */
public record ReadOptions(InputFormat format, int partitions, boolean csvHeader, int labelColumn,
    String labelCol, String featuresCol, int numFeatures, int blockRows, StorageLevel storage) {

  public static final String DEFAULT_LABEL_COL = "b";
  public static final String DEFAULT_FEATURES_COL = "features";

  public ReadOptions {
    require(partitions >= 0, "partitions must be >= 0 (0 = Spark's default parallelism): " + partitions);
    require(labelColumn >= 0, "labelColumn is a 0-based column number and must be >= 0: " + labelColumn);
    require(labelCol != null && !labelCol.isBlank(), "labelCol must name a column: '" + labelCol + "'");
    require(featuresCol != null && !featuresCol.isBlank(), "featuresCol must name a column: '" + featuresCol + "'");
    require(!Objects.equals(labelCol, featuresCol), "labelCol and featuresCol must differ: '" + labelCol + "'");
    require(numFeatures >= 0, "numFeatures must be >= 0 (0 = infer): " + numFeatures);
    require(blockRows >= 0, "blockRows must be >= 0 (0 = default): " + blockRows);
    Objects.requireNonNull(storage, "storage");
    require(storage.useMemory() || storage.useDisk(), "storage level must keep the blocks: " + storage);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Inferred format, default partitions, no CSV header, b in column 0 / column "b", MEMORY_ONLY. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, 0, false, 0, DEFAULT_LABEL_COL, DEFAULT_FEATURES_COL, 0, 0,
        StorageLevel.MEMORY_ONLY());
  }

  public ReadOptions withFormat(InputFormat f) {
    return new ReadOptions(f, partitions, csvHeader, labelColumn, labelCol, featuresCol, numFeatures, blockRows, storage);
  }

  public ReadOptions withPartitions(int p) {
    return new ReadOptions(format, p, csvHeader, labelColumn, labelCol, featuresCol, numFeatures, blockRows, storage);
  }

  public ReadOptions withCsvHeader(boolean h) {
    return new ReadOptions(format, partitions, h, labelColumn, labelCol, featuresCol, numFeatures, blockRows, storage);
  }

  public ReadOptions withLabelColumn(int c) {
    return new ReadOptions(format, partitions, csvHeader, c, labelCol, featuresCol, numFeatures, blockRows, storage);
  }

  public ReadOptions withColumns(String label, String features) {
    return new ReadOptions(format, partitions, csvHeader, labelColumn, label, features, numFeatures, blockRows, storage);
  }

  public ReadOptions withNumFeatures(int d) {
    return new ReadOptions(format, partitions, csvHeader, labelColumn, labelCol, featuresCol, d, blockRows, storage);
  }

  public ReadOptions withBlockRows(int k) {
    return new ReadOptions(format, partitions, csvHeader, labelColumn, labelCol, featuresCol, numFeatures, k, storage);
  }

  public ReadOptions withStorage(StorageLevel s) {
    return new ReadOptions(format, partitions, csvHeader, labelColumn, labelCol, featuresCol, numFeatures, blockRows, s);
  }
}
