package org.attnreg.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;

/**
 * Reads columnar rows into blocks: Parquet files through {@code SparkSession.read().parquet}, and a
 * caller's DataFrame with the same column checks and {@link ParquetFormat}, so that a DataFrame and
 * a Parquet file of the same rows make the same blocks. The width d and the block kind (CSR for
 * sparse vectors, dense otherwise) come from the first row, which a small job fetches. In Parquet
 * files the row id uses Spark's hidden {@code _metadata.row_index} column; in a DataFrame it comes
 * from {@code monotonically_increasing_id()} (partition index and position), which is stable because
 * the blocks are cached once built, and errors name the DataFrame partition and the 1-based row
 * within it.
 */
final class ParquetSource {
  /** How errors name a DataFrame input. */
  static final String DATAFRAME = "DataFrame";
  /** {@code monotonically_increasing_id()} keeps the partition index above this many bits. */
  private static final int POSITION_BITS = 33;

  private ParquetSource() {}

  /** The plan for Parquet files. */
  static InputPlan plan(SparkSession spark, InputFiles files, ReadOptions o, RowErrors errors, int partitions) {
    Dataset<Row> df = spark.read().parquet(files.qualifiedPaths().toArray(new String[0]));
    List<Column> columns = new ArrayList<>(List.of(numberColumn(df, files.input(), o.labelCol()),
        featuresColumn(df, files.input(), o.featuresCol()),
        col("_metadata.file_name"), col("_metadata.row_index")));
    int weightIndex = weightColumn(df, files.input(), o, columns);
    Dataset<Row> rows = df.select(columns.toArray(new Column[0]));
    ParquetFormat probe = new ParquetFormat(0, o.labelCol(), o.featuresCol(), files.indexByName());
    Row first = firstRow(rows, files, probe);
    int width = width(first.get(1));
    checkWidth(width, o, first, files, probe);
    BlockAssembler.Shape shape = shape(o, first.get(1), width, weightIndex);
    ParquetFormat parser = new ParquetFormat(width, o.labelCol(), o.featuresCol(), o.weightCol(), weightIndex,
        files.indexByName());
    return new InputPlan(blocks(rows, parser, shape, errors, partitions), width);
  }

  /** The plan for the label, features and (optional) weight columns of a DataFrame. */
  static InputPlan planDataFrame(Dataset<?> df, ReadOptions o, RowErrors errors, int partitions) {
    Dataset<Row> frame = df.toDF();
    List<Column> columns = new ArrayList<>(List.of(numberColumn(frame, DATAFRAME, o.labelCol()),
        featuresColumn(frame, DATAFRAME, o.featuresCol()), monotonically_increasing_id()));
    int weightIndex = weightColumn(frame, DATAFRAME, o, columns);
    Dataset<Row> rows = frame.select(columns.toArray(new Column[0]));
    Row first = firstDataFrameRow(rows, o);
    int width = width(first.get(1));
    if (width == 0 || (o.numFeatures() > 0 && width != o.numFeatures())) {
      throw locatedInDataFrame(new DataFormatException(null, 0, ParquetFormat.column(o.featuresCol()),
          String.valueOf(first.get(1)), "has " + width + " features"
              + (width == 0 ? "" : " but numFeatures is " + o.numFeatures())), first.getLong(2));
    }
    if (width > o.maxFeatures()) {
      throw locatedInDataFrame(new DataFormatException(null, 0, ParquetFormat.column(o.featuresCol()),
          "(a vector of size " + width + ")", "has " + width + " features, above the cap of " + o.maxFeatures()),
          first.getLong(2));
    }
    BlockAssembler.Shape shape = shape(o, first.get(1), width, weightIndex);
    ParquetFormat parser = ParquetFormat.ofDataFrame(width, o.labelCol(), o.featuresCol(), o.weightCol(), weightIndex);
    return new InputPlan(blocks(rows, parser, shape, errors, partitions), width);
  }

  /** The first row fixes the width and the block kind, as for Parquet input. */
  private static Row firstDataFrameRow(Dataset<Row> rows, ReadOptions o) {
    List<Row> first = rows.limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new DataFormatException(DATAFRAME, 0, null, null, "no rows");
    }
    Row row = first.get(0);
    if (row.isNullAt(1)) {
      throw locatedInDataFrame(new DataFormatException(null, 0, ParquetFormat.column(o.featuresCol()), "null",
          "missing features"), row.getLong(2));
    }
    return row;
  }

  /** The error at the DataFrame row {@code rowId}: its partition and the 1-based row within it. */
  static DataFormatException locatedInDataFrame(DataFormatException e, long rowId) {
    return e.at(DATAFRAME + " partition " + (rowId >>> POSITION_BITS), (rowId & ((1L << POSITION_BITS) - 1)) + 1);
  }

  /** CSR blocks when the first row's features are a sparse vector, dense blocks otherwise. */
  private static BlockAssembler.Shape shape(ReadOptions o, Object firstFeatures, int width, int weightIndex) {
    int blockRows = o.blockRows() > 0 ? o.blockRows() : BlockBuilder.defaultBlockRows(width);
    return new BlockAssembler.Shape(firstFeatures instanceof SparseVector, width, blockRows, weightIndex >= 0);
  }

  /** The (not yet cached) blocks of the selected rows, in {@code partitions} partitions. */
  private static JavaRDD<RowBlock> blocks(Dataset<Row> rows, ParquetFormat parser, BlockAssembler.Shape shape,
      RowErrors errors, int partitions) {
    // Too few file splits: spread rows (not blocks) with the DataFrame's own, compact shuffle.
    Dataset<Row> spread = rows.javaRDD().getNumPartitions() < partitions ? rows.repartition(partitions) : rows;
    JavaRDD<RowBlock> blocks = spread.javaRDD().mapPartitions(it -> new BlockAssembler<>(it, parser, shape, errors));
    return InputPlan.resized(blocks, partitions);
  }

  private static Row firstRow(Dataset<Row> rows, InputFiles files, ParquetFormat probe) {
    List<Row> first = rows.limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new DataFormatException(files.input(), 0, null, null, "no rows");
    }
    Row row = first.get(0);
    if (row.isNullAt(1)) {
      throw locate(new DataFormatException(null, 0, ParquetFormat.column(row.schema().fieldNames()[1]), "null",
          "missing features"), probe.rowId(row), files);
    }
    return row;
  }

  private static int width(Object features) {
    return features instanceof Vector v ? v.size() : ((scala.collection.Seq<?>) features).size();
  }

  private static void checkWidth(int width, ReadOptions o, Row first, InputFiles files, ParquetFormat probe) {
    int numFeatures = o.numFeatures();
    String field = ParquetFormat.column(first.schema().fieldNames()[1]);
    if (width == 0) {
      throw locate(new DataFormatException(null, 0, field, String.valueOf(first.get(1)), "no features"),
          probe.rowId(first), files);
    }
    if (width > o.maxFeatures()) {
      throw locate(new DataFormatException(null, 0, field, "(a vector of size " + width + ")", "has " + width
          + " features, above the cap of " + o.maxFeatures() + " (--max-d)"), probe.rowId(first), files);
    }
    if (numFeatures > 0 && width != numFeatures) {
      throw locate(new DataFormatException(null, 0, field, String.valueOf(first.get(1)),
          "has " + width + " features but numFeatures is " + numFeatures), probe.rowId(first), files);
    }
  }

  /** The error at the Parquet row {@code rowId} (rows are numbered from 1 within their file). */
  private static DataFormatException locate(DataFormatException e, long rowId, InputFiles files) {
    return e.at(files.display(InputFiles.fileOf(rowId)), InputFiles.positionOf(rowId) + 1);
  }

  /**
   * Appends the weight column of {@code o} (as a double) to {@code columns} when there is one.
   *
   * @return its position among the columns, or -1 when the rows have no weights
   */
  private static int weightColumn(Dataset<Row> df, String input, ReadOptions o, List<Column> columns) {
    if (o.weightCol() == null) {
      return -1;
    }
    columns.add(numberColumn(df, input, o.weightCol()));
    return columns.size() - 1;
  }

  /** The numeric column {@code name} as a double, named {@code name}; {@code input} names the source in errors. */
  private static Column numberColumn(Dataset<Row> df, String input, String name) {
    DataType type = columnType(df, input, name);
    if (!(type instanceof NumericType)) {
      throw new DataFormatException(input, 0, ParquetFormat.column(name), null,
          "has type " + type.simpleString() + ", expected a number");
    }
    return col(quoted(name)).cast(DataTypes.DoubleType).as(name);
  }

  /** The vector or numeric-array column {@code name} (arrays cast to {@code array<double>}). */
  private static Column featuresColumn(Dataset<Row> df, String input, String name) {
    DataType type = columnType(df, input, name);
    if (type instanceof VectorUDT) {
      return col(quoted(name));
    }
    if (type instanceof ArrayType a && a.elementType() instanceof NumericType) {
      return col(quoted(name)).cast(DataTypes.createArrayType(DataTypes.DoubleType)).as(name);
    }
    throw new DataFormatException(input, 0, ParquetFormat.column(name), null,
        "has type " + type.simpleString() + ", expected a Spark ML vector or an array of numbers");
  }

  private static DataType columnType(Dataset<Row> df, String input, String name) {
    if (!Arrays.asList(df.columns()).contains(name)) {
      throw new DataFormatException(input, 0, ParquetFormat.column(name), null,
          "no such column (columns present: " + String.join(", ", df.columns()) + ")");
    }
    return df.schema().apply(name).dataType();
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
