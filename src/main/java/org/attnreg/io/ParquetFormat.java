package org.attnreg.io;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Row;
import org.attnreg.io.RowParser.Buffer;

/**
 * The Parquet row format, shared by DataFrames: rows selected as (b as double, features, row id
 * columns). From Parquet files the id columns are {@code _metadata.file_name} and
 * {@code _metadata.row_index}, and the row id is the file index and the row index within the file;
 * from a DataFrame the third column is the id itself ({@link ParquetSource} fills it with
 * {@code monotonically_increasing_id()}), so a DataFrame and a Parquet file of the same rows parse alike.
 * Features are a Spark ML vector or a list of doubles, and every row must have {@code width} of them.
 * When the rows carry regulariser weights, w_i (a double ≥ 0) is the selected column {@code weightIndex}.
 *
 * @param weightCol the name of the weight column, for messages (null: none)
 * @param weightIndex the position of w_i among the selected columns (-1: none)
 * @param fileIndexByName the file index of each file name; null for a DataFrame's rows, whose third
 *     column holds the row id
 */
record ParquetFormat(int width, String labelCol, String featuresCol, String weightCol, int weightIndex,
    Map<String, Integer> fileIndexByName) implements RowParser<Row> {
  /** Rows of Parquet files without a weight column. */
  ParquetFormat(int width, String labelCol, String featuresCol, Map<String, Integer> fileIndexByName) {
    this(width, labelCol, featuresCol, null, -1, fileIndexByName);
  }

  /** The rows of a DataFrame, whose third selected column holds the row id. */
  static ParquetFormat ofDataFrame(int width, String labelCol, String featuresCol, String weightCol,
      int weightIndex) {
    return new ParquetFormat(width, labelCol, featuresCol, weightCol, weightIndex, null);
  }

  @Override
  public long rowId(Row record) {
    if (fileIndexByName == null) {
      return record.getLong(2);
    }
    return InputFiles.rowId(fileIndexByName.get(record.getString(2)), record.getLong(3));
  }

  @Override
  public boolean parse(Row record, Buffer out) {
    double b = label(record);
    if (record.isNullAt(1)) {
      throw error(column(featuresCol), "null", "missing features");
    }
    Object features = record.get(1);
    if (features instanceof SparseVector v) {
      sparse(v, out);
    } else if (features instanceof DenseVector v) {
      dense(v.values(), v, out);
    } else {
      list(record.getList(1), out);
    }
    out.setLabel(b);
    if (weightIndex >= 0) {
      out.setWeight(weight(record));
    }
    return true;
  }

  private double weight(Row record) {
    if (record.isNullAt(weightIndex)) {
      throw error(column(weightCol), "null", "missing weight w_i");
    }
    double w = record.getDouble(weightIndex);
    if (!Double.isFinite(w) || w < 0.0) {
      throw error(column(weightCol), Double.toString(w), "weight w_i must be finite and ≥ 0");
    }
    return w;
  }

  private double label(Row record) {
    if (record.isNullAt(0)) {
      throw error(column(labelCol), "null", "missing label b");
    }
    double b = record.getDouble(0);
    if (!Double.isFinite(b)) {
      throw error(column(labelCol), Double.toString(b), "label b is not finite");
    }
    return b;
  }

  private void sparse(SparseVector v, Buffer out) {
    checkSize(v.size(), v);
    out.startSparse();
    int[] indices = v.indices();
    double[] values = v.values();
    for (int k = 0; k < indices.length; k++) {
      out.addSparse(indices[k], finite(values[k], indices[k]));
    }
  }

  private void dense(double[] values, Object shown, Buffer out) {
    checkSize(values.length, shown);
    double[] a = out.startDense(width);
    for (int j = 0; j < width; j++) {
      a[j] = finite(values[j], j);
    }
  }

  private void list(List<Object> values, Buffer out) {
    checkSize(values.size(), values);
    double[] a = out.startDense(width);
    for (int j = 0; j < width; j++) {
      Object v = values.get(j);
      if (v == null) {
        throw error(column(featuresCol) + " feature " + (j + 1), "null", "missing value");
      }
      a[j] = finite(((Number) v).doubleValue(), j);
    }
  }

  private void checkSize(int size, Object shown) {
    if (size != width) {
      throw error(column(featuresCol), String.valueOf(shown),
          "has " + size + " features, expected " + width + " (as in the first row)");
    }
  }

  private double finite(double v, int j) {
    if (!Double.isFinite(v)) {
      throw error(column(featuresCol) + " feature " + (j + 1), Double.toString(v), "value is not finite");
    }
    return v;
  }

  static String column(String name) {
    return "column '" + name + "'";
  }

  private static DataFormatException error(String field, String value, String reason) {
    return new DataFormatException(null, 0, field, value, reason);
  }
}
