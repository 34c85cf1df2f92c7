package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A DataFrame loads into the same rows a Parquet file of it gives, and bad rows are located by partition and row. */
@ExtendWith(SharedSpark.class)
class DataLoaderDataFrameTest {
  private static final int N = 29;
  private static final int D = 4;

  private static Dataset<Row> frame(SparkSession spark, double[] b, double[][] a, int slices) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      rows.add(RowFactory.create(b[i], a[i] == null ? null : i % 2 == 0 ? Vectors.dense(a[i])
          : Vectors.dense(a[i]).toSparse()));
    }
    StructType schema = new StructType().add("y", DataTypes.DoubleType, true)
        .add("x", SQLDataTypes.VectorType(), true).add("other", DataTypes.StringType, true);
    List<Row> withOther = rows.stream().map(r -> RowFactory.create(r.get(0), r.get(1), "z")).toList();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(sc.parallelize(withOther, slices), schema);
  }

  private static double[][] randomRows(double[] b) {
    SplittableRandom rnd = new SplittableRandom(5);
    double[][] a = new double[b.length][D];
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextDouble();
      for (int j = 0; j < D; j++) {
        a[i][j] = rnd.nextInt(3) == 0 ? 0.0 : rnd.nextDouble() - 0.5;
      }
    }
    return a;
  }

  @Test
  void loadsEveryRowInOrderWithMixedDenseAndSparseVectors(SparkSession spark) {
    double[] b = new double[N];
    double[][] a = randomRows(b);
    for (int p : new int[] {1, 3}) {
      LoadedData data = DataLoader.fromDataFrame(frame(spark, b, a, 2),
          TestReadOptions.defaults().withColumns("y", "x").withPartitions(p).withBlockRows(4).build());
      try {
        assertEquals(N, data.n());
        assertEquals(D, data.d());
        assertEquals(p, data.partitions());
        assertTrue(data.fingerprint().startsWith("dataframe-plan:"), data.fingerprint());
        assertArrayEquals(b, Fixtures.targets(data));
        assertArrayEquals(a, Fixtures.matrix(data));
      } finally {
        data.unpersist();
      }
    }
  }

  @Test
  void badRowsAndColumnsAreNamed(SparkSession spark) {
    double[] b = new double[N];
    double[][] a = randomRows(b);
    a[20] = null;
    b[22] = Double.NaN;
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.fromDataFrame(
        frame(spark, b, a, 2), TestReadOptions.defaults().withColumns("y", "x").build()));
    assertEquals(2, e.errorCount(), e.getMessage());
    assertTrue(e.getMessage().startsWith("DataFrame partition 1:"), e.getMessage());
    assertTrue(e.getMessage().contains("missing features") && e.getMessage().contains("not finite"), e.getMessage());
    DataFormatException column = assertThrows(DataFormatException.class, () -> DataLoader.fromDataFrame(
        frame(spark, b, a, 2), TestReadOptions.defaults().withColumns("other", "x").build()));
    assertTrue(column.getMessage().contains("column 'other'") && column.getMessage().contains("expected a number"),
        column.getMessage());
  }
}
