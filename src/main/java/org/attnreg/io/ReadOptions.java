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
 * @param weightColumn CSV only: 0-based column holding the row's regulariser weight w_i, or -1 for none
 * @param weightCol Parquet only: name of the numeric column holding w_i, or null for none
 * @param numFeatures d; 0 infers it (LIBSVM: largest index; CSV/Parquet: row width, which must then
 *     equal numFeatures when it is given)
 * @param blockRows rows per cached block; 0 picks {@link org.attnreg.linalg.BlockBuilder#defaultBlockRows}
 * @param storage storage level of the cached blocks
 * @param maxFeatures the largest d accepted (command line {@code --max-d}): a wider row is refused as it is
 *     read, before a buffer of its width is allocated
 */
public record ReadOptions(InputFormat format, int partitions, boolean csvHeader, int labelColumn,
    String labelCol, String featuresCol, int weightColumn, String weightCol, int numFeatures, int blockRows,
    StorageLevel storage, int maxFeatures) {

  /** The default cap on d: a 20 000 × 20 000 Hessian is 3.2 GB, and the driver holds several. */
  public static final int DEFAULT_MAX_FEATURES = 20_000;
  /** The largest cap on d: a d×d matrix must fit one Java array (d² ≤ 2³¹ − 9). */
  public static final int LARGEST_MAX_FEATURES = 46_340;

  public static final String DEFAULT_LABEL_COL = "b";
  public static final String DEFAULT_FEATURES_COL = "features";

  public ReadOptions {
    require(partitions >= 0, "partitions must be >= 0 (0 = Spark's default parallelism): " + partitions);
    require(labelColumn >= 0, "labelColumn is a 0-based column number and must be >= 0: " + labelColumn);
    require(labelCol != null && !labelCol.isBlank(), "labelCol must name a column: '" + labelCol + "'");
    require(featuresCol != null && !featuresCol.isBlank(), "featuresCol must name a column: '" + featuresCol + "'");
    require(!Objects.equals(labelCol, featuresCol), "labelCol and featuresCol must differ: '" + labelCol + "'");
    require(weightColumn >= -1, "weightColumn is a 0-based column number, or -1 for none: " + weightColumn);
    require(weightColumn != labelColumn, "weightColumn and labelColumn must differ: " + weightColumn);
    require(weightCol == null || !weightCol.isBlank(), "weightCol must name a column or be unset: '" + weightCol + "'");
    require(weightCol == null || !(weightCol.equals(labelCol) || weightCol.equals(featuresCol)),
        "weightCol must differ from labelCol and featuresCol: '" + weightCol + "'");
    require(numFeatures >= 0, "numFeatures must be >= 0 (0 = infer): " + numFeatures);
    require(maxFeatures >= 1 && maxFeatures <= LARGEST_MAX_FEATURES, "maxFeatures must be in 1.."
        + LARGEST_MAX_FEATURES + " (a d×d matrix must fit one Java array): " + maxFeatures);
    require(numFeatures <= maxFeatures, "numFeatures " + numFeatures + " is above maxFeatures " + maxFeatures);
    require(blockRows >= 0, "blockRows must be >= 0 (0 = default): " + blockRows);
    Objects.requireNonNull(storage, "storage");
    require(storage.useMemory() || storage.useDisk(), "storage level must keep the blocks: " + storage);
  }

  /** With the default cap on d ({@value #DEFAULT_MAX_FEATURES}). */
  public ReadOptions(InputFormat format, int partitions, boolean csvHeader, int labelColumn, String labelCol,
      String featuresCol, int weightColumn, String weightCol, int numFeatures, int blockRows, StorageLevel storage) {
    this(format, partitions, csvHeader, labelColumn, labelCol, featuresCol, weightColumn, weightCol, numFeatures,
        blockRows, storage, DEFAULT_MAX_FEATURES);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Inferred format, default partitions, no CSV header, b in column 0 / column "b", no row weights, MEMORY_ONLY. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, 0, false, 0, DEFAULT_LABEL_COL, DEFAULT_FEATURES_COL, -1, null, 0, 0,
        StorageLevel.MEMORY_ONLY());
  }

  /** A DataFrame's layout: b, a_i and w_i (null: none) in named columns, cached over {@code partitions}. */
  public static ReadOptions ofColumns(String labelCol, String featuresCol, String weightCol, int partitions) {
    return new ReadOptions(null, partitions, false, 0, labelCol, featuresCol, -1, weightCol, 0, 0,
        StorageLevel.MEMORY_ONLY());
  }

  /** Whether the rows carry their own regulariser weights w_i (in a CSV or a named column). */
  public boolean hasRowWeights() {
    return weightColumn >= 0 || weightCol != null;
  }

  /** CSV: w_i from the 0-based column {@code c} (-1: none). */
  public ReadOptions withWeightColumn(int c) {
    return new ReadOptions(format, partitions, csvHeader, labelColumn, labelCol, featuresCol, c,
        weightCol, numFeatures, blockRows, storage, maxFeatures);
  }

  /** Parquet and DataFrames: w_i from the numeric column {@code name} (null: none). */
  public ReadOptions withWeightCol(String name) {
    return new ReadOptions(format, partitions, csvHeader, labelColumn, labelCol, featuresCol,
        weightColumn, name, numFeatures, blockRows, storage, maxFeatures);
  }

}
