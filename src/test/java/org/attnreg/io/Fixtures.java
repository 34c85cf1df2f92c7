package org.attnreg.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnreg.linalg.RowBlock;
import scala.jdk.javaapi.CollectionConverters;

/** Small input files and a dense view of loaded rows, for the loader tests. */
final class Fixtures {
  private Fixtures() {}

  /** One loaded row: its id, b and dense a. */
  record LoadedRow(long id, double b, double[] a) {}

  static Path write(Path dir, String name, String... lines) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How the features column of a Parquet fixture is stored. */
  enum ParquetFeatures { DENSE_VECTOR, SPARSE_VECTOR, DOUBLE_ARRAY }

  /** Writes rows in order into {@code files} part files of the Parquet directory {@code dir}, columns (label, features). */
  static void writeParquet(SparkSession spark, Path dir, double[] b, double[][] a, ParquetFeatures kind,
      String labelCol, String featuresCol, int files) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      rows.add(RowFactory.create(b[i], features(a[i], kind)));
    }
    DataType type = kind == ParquetFeatures.DOUBLE_ARRAY ? DataTypes.createArrayType(DataTypes.DoubleType)
        : SQLDataTypes.VectorType();
    StructType schema = new StructType().add(labelCol, DataTypes.DoubleType, true).add(featuresCol, type, true);
    // parallelize slices the list into contiguous parts, so the part files keep the row order.
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.createDataFrame(sc.parallelize(rows, files), schema).write().parquet(dir.toString());
  }

  private static Object features(double[] a, ParquetFeatures kind) {
    if (a == null) {
      return null;
    }
    return switch (kind) {
      case DENSE_VECTOR -> Vectors.dense(a);
      case SPARSE_VECTOR -> Vectors.dense(a).toSparse();
      case DOUBLE_ARRAY -> CollectionConverters.asScala(Arrays.stream(a).boxed().toList()).toList();
    };
  }

  /** All loaded rows by id (so in file-then-line order). */
  static TreeMap<Long, LoadedRow> rows(LoadedData data) {
    TreeMap<Long, LoadedRow> rows = new TreeMap<>();
    for (RowBlock block : data.blocks().collect()) {
      for (int i = 0; i < block.rows(); i++) {
        double[] a = new double[data.d()];
        block.forEachNonZero(i, (j, v) -> a[j] = v);
        rows.put(block.rowId(i), new LoadedRow(block.rowId(i), block.b()[i], a));
      }
    }
    return rows;
  }

  /** Loaded a (row by row, in id order). */
  static double[][] matrix(LoadedData data) {
    return rows(data).values().stream().map(LoadedRow::a).toArray(double[][]::new);
  }

  /** Loaded b in id order. */
  static double[] targets(LoadedData data) {
    return rows(data).values().stream().mapToDouble(LoadedRow::b).toArray();
  }
}
