package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnreg.linalg.RowBlock;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each row's regulariser weight w_i is read from a CSV column, a Parquet column or a DataFrame column. */
@ExtendWith(SharedSpark.class)
class RowWeightsLoadingTest {
  private static final double[] B = {1.5, -2, 0.25, 4, 0};
  private static final double[] W = {0.5, 0, 2, 1e-3, 3};
  private static final double[][] A = {{1, 2}, {0, -1}, {3, 0}, {0, 0}, {-4, 5}};

  @TempDir
  Path dir;

  /** Squared weights by row id, from the cached blocks. */
  private static double[] loadedW2(LoadedData data) {
    TreeMap<Long, Double> byId = new TreeMap<>();
    for (RowBlock block : data.blocks().collect()) {
      assertTrue(block.w2() != null, "every block of weighted rows carries w²");
      for (int i = 0; i < block.rows(); i++) {
        byId.put(block.rowId(i), block.w2()[i]);
      }
    }
    return byId.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] squares(double[] w) {
    double[] s = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      s[i] = w[i] * w[i];
    }
    return s;
  }

  private void assertLoadedAsWritten(LoadedData data) {
    try {
      assertTrue(data.rowWeighted());
      assertEquals(A.length, data.n());
      assertEquals(2, data.d());
      assertArrayEquals(B, Fixtures.targets(data));
      assertArrayEquals(A, Fixtures.matrix(data));
      assertArrayEquals(squares(W), loadedW2(data));
    } finally {
      data.unpersist();
    }
  }

  private String csv(String name, String... extraLines) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < B.length; i++) {
      lines.add(A[i][0] + "," + B[i] + "," + A[i][1] + "," + W[i]); // a1, b, a2, w
    }
    lines.addAll(List.of(extraLines));
    return Fixtures.write(dir, name, lines.toArray(new String[0])).toString();
  }

  @Test
  void csvWeightColumnAnywhereOnTheLine(SparkSession spark) {
    String path = csv("w.csv");
    for (int p : new int[] {1, 3}) {
      assertLoadedAsWritten(DataLoader.load(spark, path, TestReadOptions.defaults().withLabelColumn(1)
          .withWeightColumn(3).withPartitions(p).withBlockRows(2).build()));
    }
    LoadedData plain = DataLoader.load(spark, path, TestReadOptions.defaults().withLabelColumn(1).build());
    try {
      assertFalse(plain.rowWeighted());
      assertEquals(3, plain.d(), "without a weight column, w is a feature");
      assertNull(plain.blocks().first().w2());
    } finally {
      plain.unpersist();
    }
  }

  @Test
  void csvBadWeightsAreLocated(SparkSession spark) {
    String path = csv("bad.csv", "1,2,3,-0.5", "1,2,3,x", "1,2,3,");
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.load(spark, path,
        TestReadOptions.defaults().withLabelColumn(1).withWeightColumn(3).withPartitions(2).build()));
    assertEquals(3, e.errorCount(), e.getMessage());
    assertEquals(path + ":6: field 4 ('-0.5'): weight w_i must be ≥ 0", e.errors().get(0).getMessage());
    assertEquals(path + ":7: field 4 ('x'): weight w_i is not a number", e.errors().get(1).getMessage());
    assertEquals(path + ":8: field 4 (''): empty field", e.errors().get(2).getMessage());
  }

  @Test
  void csvLineTooShortForTheWeightColumn(SparkSession spark) {
    String path = Fixtures.write(dir, "short.csv", "1,2", "3,4").toString();
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> DataLoader.load(spark, path, ReadOptions.defaults().withWeightColumn(1)));
    assertTrue(e.getMessage().contains("need b, w_i and at least one feature"), e.getMessage());
    String wide = Fixtures.write(dir, "wide.csv", "1,2,3").toString();
    DataFormatException far = assertThrows(DataFormatException.class,
        () -> DataLoader.load(spark, wide, ReadOptions.defaults().withWeightColumn(5)));
    assertTrue(far.getMessage().contains("too few for weightColumn 5"), far.getMessage());
  }

  private static Dataset<Row> frame(SparkSession spark, Double[] w, int slices) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < B.length; i++) {
      rows.add(RowFactory.create(B[i], Vectors.dense(A[i]), w[i]));
    }
    StructType schema = new StructType().add("b", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false).add("w", DataTypes.DoubleType, true);
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
        schema);
  }

  private static Double[] boxed(double[] w) {
    return java.util.Arrays.stream(w).boxed().toArray(Double[]::new);
  }

  @Test
  void parquetAndDataFrameWeightColumns(SparkSession spark) {
    Path parquet = dir.resolve("w.parquet");
    frame(spark, boxed(W), 2).write().parquet(parquet.toString());
    assertLoadedAsWritten(DataLoader.load(spark, parquet.toString(),
        TestReadOptions.defaults().withWeightCol("w").withPartitions(3).build()));
    assertLoadedAsWritten(DataLoader.fromDataFrame(frame(spark, boxed(W), 2),
        TestReadOptions.defaults().withWeightCol("w").withPartitions(2).build()));
  }

  @Test
  void parquetAndDataFrameBadWeightsAreLocated(SparkSession spark) {
    Double[] w = boxed(W);
    w[1] = null;
    w[3] = -1.0;
    Path parquet = dir.resolve("bad.parquet");
    frame(spark, w, 1).write().parquet(parquet.toString());
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.load(spark, parquet.toString(),
        ReadOptions.defaults().withWeightCol("w")));
    assertEquals(2, e.errorCount(), e.getMessage());
    assertTrue(e.errors().get(0).getMessage().endsWith(":2: column 'w' ('null'): missing weight w_i"),
        e.errors().get(0).getMessage());
    assertTrue(e.errors().get(1).getMessage().endsWith(":4: column 'w' ('-1.0'): weight w_i must be finite and ≥ 0"),
        e.errors().get(1).getMessage());
    DataFormatException frameError = assertThrows(DataFormatException.class, () -> DataLoader.fromDataFrame(
        frame(spark, w, 1), ReadOptions.defaults().withWeightCol("w")));
    assertTrue(frameError.getMessage().startsWith("DataFrame partition 0:2: column 'w' ('null')"),
        frameError.getMessage());
    DataFormatException missing = assertThrows(DataFormatException.class, () -> DataLoader.fromDataFrame(
        frame(spark, boxed(W), 1), ReadOptions.defaults().withWeightCol("weights")));
    assertTrue(missing.getMessage().contains("column 'weights'") && missing.getMessage().contains("no such column"),
        missing.getMessage());
  }

  @Test
  void aWeightColumnMustBeNamedTheWayTheFormatNamesColumns(SparkSession spark) {
    String libsvm = Fixtures.write(dir, "x.libsvm", "1 1:2").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataLoader.load(spark, libsvm, ReadOptions.defaults().withWeightColumn(1)));
    assertTrue(e.getMessage().startsWith("LIBSVM rows have no weight column"), e.getMessage());
    String csv = csv("named.csv");
    e = assertThrows(IllegalArgumentException.class,
        () -> DataLoader.load(spark, csv, ReadOptions.defaults().withWeightCol("w")));
    assertTrue(e.getMessage().contains("--weight-column K") && e.getMessage().contains("'w'"), e.getMessage());
    Path parquet = dir.resolve("n.parquet");
    frame(spark, boxed(W), 1).write().parquet(parquet.toString());
    e = assertThrows(IllegalArgumentException.class,
        () -> DataLoader.load(spark, parquet.toString(), ReadOptions.defaults().withWeightColumn(2)));
    assertTrue(e.getMessage().contains("--weight-col NAME"), e.getMessage());
  }
}
