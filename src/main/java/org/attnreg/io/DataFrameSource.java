package org.attnreg.io;

import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.attnreg.linalg.BlockBuilder;

/**
 * Turns the label, features and (optional) weight columns of a caller's DataFrame into blocks with
 * the Parquet path's column checks, row parser and block iterator, so a DataFrame and a Parquet
 * file of the same rows make the same blocks. Row ids come from
 * {@code monotonically_increasing_id()} (partition index and position), which is stable because the
 * blocks are cached once built; errors name the DataFrame partition and the 1-based row within it.
 */
final class DataFrameSource {
  /** How errors name this source. */
  static final String INPUT = "DataFrame";
  /** {@code monotonically_increasing_id()} keeps the partition index above this many bits. */
  private static final int POSITION_BITS = 33;

  private DataFrameSource() {}

  static InputPlan plan(Dataset<?> df, ReadOptions o, RowErrors errors, int partitions) {
    Dataset<Row> frame = df.toDF();
    List<Column> columns = new ArrayList<>(List.of(ParquetSource.numberColumn(frame, INPUT, o.labelCol()),
        ParquetSource.featuresColumn(frame, INPUT, o.featuresCol()), monotonically_increasing_id()));
    int weightIndex = ParquetSource.weightColumn(frame, INPUT, o, columns);
    Dataset<Row> rows = frame.select(columns.toArray(new Column[0]));
    Row first = firstRow(rows, o);
    int width = ParquetSource.width(first.get(1));
    if (width == 0 || (o.numFeatures() > 0 && width != o.numFeatures())) {
      throw located(new DataFormatException(null, 0, ParquetFormat.column(o.featuresCol()),
          String.valueOf(first.get(1)), "has " + width + " features"
              + (width == 0 ? "" : " but numFeatures is " + o.numFeatures())), first.getLong(2));
    }
    if (width > o.maxFeatures()) {
      throw located(new DataFormatException(null, 0, ParquetFormat.column(o.featuresCol()),
          "(a vector of size " + width + ")", "has " + width + " features, above the cap of " + o.maxFeatures()),
          first.getLong(2));
    }
    int blockRows = o.blockRows() > 0 ? o.blockRows() : BlockBuilder.defaultBlockRows(width);
    BlockAssembler.Shape shape = new BlockAssembler.Shape(first.get(1) instanceof SparseVector, width, blockRows, weightIndex >= 0);
    ParquetFormat parser = ParquetFormat.ofDataFrame(width, o.labelCol(), o.featuresCol(), o.weightCol(), weightIndex);
    return new InputPlan(ParquetSource.blocks(rows, parser, shape, errors, partitions), width);
  }

  /** The first row fixes the width and the block kind, as for Parquet input. */
  private static Row firstRow(Dataset<Row> rows, ReadOptions o) {
    List<Row> first = rows.limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new DataFormatException(INPUT, 0, null, null, "no rows");
    }
    Row row = first.get(0);
    if (row.isNullAt(1)) {
      throw located(new DataFormatException(null, 0, ParquetFormat.column(o.featuresCol()), "null",
          "missing features"), row.getLong(2));
    }
    return row;
  }

  /** The error at the DataFrame row {@code rowId}: its partition and the 1-based row within it. */
  static DataFormatException located(DataFormatException e, long rowId) {
    return e.at(INPUT + " partition " + (rowId >>> POSITION_BITS), (rowId & ((1L << POSITION_BITS) - 1)) + 1);
  }
}
