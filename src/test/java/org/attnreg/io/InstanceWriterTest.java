package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What InstanceWriter writes, DataLoader reads back bit for bit and in the same order. */
@ExtendWith(SharedSpark.class)
class InstanceWriterTest {
  private static final int N = 41;
  private static final int D = 6;
  @TempDir
  Path dir;

  /** Awkward doubles: tiny, huge, many digits; about a third zeros; the last column mostly zero. */
  private static double[][] matrix(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] a = new double[N][D];
    for (double[] row : a) {
      for (int j = 0; j < D; j++) {
        boolean zero = rnd.nextInt(3) == 0 || (j == D - 1 && rnd.nextInt(8) != 0);
        row[j] = zero ? 0.0 : Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(-1000, 1000));
      }
    }
    return a;
  }

  private static double[] targets(long seed) {
    return new SplittableRandom(seed).doubles(N, -1e3, 1e3).toArray();
  }

  private static List<LabeledRow> rows(double[][] a, double[] b, boolean sparse) {
    List<LabeledRow> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      if (!sparse) {
        rows.add(LabeledRow.dense(i, b[i], a[i]));
        continue;
      }
      double[] row = a[i];
      int[] idx = IntStream.range(0, D).filter(j -> row[j] != 0.0).toArray();
      rows.add(new LabeledRow(i, b[i], idx, Arrays.stream(idx).mapToDouble(j -> row[j]).toArray()));
    }
    return rows;
  }

  private LoadedData writeAndLoad(SparkSession spark, List<LabeledRow> rows, InputFormat format, int d,
      ReadOptions options) {
    JavaRDD<LabeledRow> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 3);
    String out = dir.resolve(format + "-" + (rows.get(0).isDense() ? "dense" : "sparse") + "-" + d).toString();
    InstanceWriter.write(spark, rdd, format, out, d);
    return DataLoader.load(spark, out, TestReadOptions.from(options).withFormat(format).withPartitions(2).build());
  }

  @Test
  void everyFormatRoundTripsDenseAndSparseRows(SparkSession spark) {
    double[][] a = matrix(5);
    double[] b = targets(6);
    for (boolean sparse : new boolean[] {false, true}) {
      for (InputFormat format : InputFormat.values()) {
        LoadedData data = writeAndLoad(spark, rows(a, b, sparse), format, sparse ? D : 0, ReadOptions.defaults());
        String what = format + (sparse ? " sparse" : " dense");
        try {
          assertEquals(N, data.n(), what);
          assertEquals(D, data.d(), what);
          assertArrayEquals(b, Fixtures.targets(data), what);
          assertArrayEquals(a, Fixtures.matrix(data), what);
        } finally {
          data.unpersist();
        }
      }
    }
  }

  @Test
  void sparseLibsvmWithoutWidthReadsBackWithNumFeatures(SparkSession spark) {
    double[][] a = matrix(7);
    double[] b = targets(8);
    LoadedData data = writeAndLoad(spark, rows(a, b, true), InputFormat.LIBSVM, 0,
        TestReadOptions.defaults().withNumFeatures(D).build());
    try {
      assertEquals(D, data.d());
      assertArrayEquals(a, Fixtures.matrix(data));
      assertArrayEquals(b, Fixtures.targets(data));
    } finally {
      data.unpersist();
    }
  }
}
