package org.attnreg.io;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows (e.g. a generated instance) as part files into a new directory, in a form
 * {@link DataLoader} reads back exactly, in the same row order:
 * <ul>
 *   <li>LIBSVM: {@code b i:v ...}, 1-based indices, non-zeros only; the first row of every part
 *       also names column d (as {@code d:0.0} if it is zero) so that the reader infers d;
 *   <li>CSV: {@code b,a1,...,ad} without header;
 *   <li>Parquet: columns {@code id} (long), {@code b} (double) and {@code features} (Spark ML
 *       vector, dense for dense rows, sparse for sparse rows).
 * </ul>
 * Numbers are written with {@link Double#toString}, which parses back to the same double.
 */
public final class InstanceWriter {
  private InstanceWriter() {}

  /** Writes with d inferred: from dense rows' length, or by one extra pass for sparse rows in CSV/Parquet. */
  public static void write(SparkSession spark, JavaRDD<LabeledRow> rows, InputFormat format, String dir) {
    write(spark, rows, format, dir, 0);
  }

  /**
   * @param d the number of columns, or 0 to infer it (CSV and Parquet then need one extra pass over
   *     the rows; LIBSVM output of sparse rows then carries no width mark, so read it with
   *     {@code numFeatures} unless some row has a non-zero in the last column)
   * @throws org.apache.spark.SparkException (from the job) when a row names a column beyond d
   */
  public static void write(SparkSession spark, JavaRDD<LabeledRow> rows, InputFormat format, String dir, int d) {
    if (d < 0) {
      throw new IllegalArgumentException("d must be >= 0 (0 = infer): " + d);
    }
    int width = d > 0 || format == InputFormat.LIBSVM ? d : rows.map(LabeledRow::span).fold(0, Math::max);
    switch (format) {
      case LIBSVM -> rows.mapPartitions(it -> libsvm(it, width)).saveAsTextFile(dir);
      case CSV -> rows.map(r -> CsvFormat.line(checked(r, width), width)).saveAsTextFile(dir);
      case PARQUET -> spark.createDataFrame(rows.map(r -> parquetRow(checked(r, width), width)), parquetSchema())
          .write().parquet(dir);
    }
  }

  private static Iterator<String> libsvm(Iterator<LabeledRow> rows, int d) {
    return new Iterator<>() {
      private boolean first = true;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public String next() {
        LabeledRow row = rows.next();
        int width = d > 0 ? d : row.isDense() ? row.values().length : 0;
        String line = LibSvmFormat.line(checked(row, width), width, first && width > 0);
        first = false;
        return line;
      }
    };
  }

  private static LabeledRow checked(LabeledRow row, int d) {
    if (d > 0 && row.span() > d) {
      throw new IllegalArgumentException("row " + row.id() + " has column " + row.span() + " (1-based), beyond d = " + d);
    }
    return row;
  }

  private static Row parquetRow(LabeledRow r, int d) {
    Vector features = r.isDense() ? Vectors.dense(r.toDense(d)) : Vectors.sparse(d, r.indices(), r.values());
    return RowFactory.create(r.id(), r.b(), features);
  }

  private static StructType parquetSchema() {
    return new StructType()
        .add("id", DataTypes.LongType, false)
        .add(ReadOptions.DEFAULT_LABEL_COL, DataTypes.DoubleType, false)
        .add(ReadOptions.DEFAULT_FEATURES_COL, SQLDataTypes.VectorType(), false);
  }
}
