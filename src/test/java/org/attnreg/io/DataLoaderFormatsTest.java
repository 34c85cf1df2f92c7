package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.Fixtures.LoadedRow;
import org.attnreg.io.Fixtures.ParquetFeatures;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same rows in LIBSVM, CSV and Parquet load to the same matrix, with ids that do not depend on partitioning. */
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataLoaderFormatsTest {
  private static final int N = 37;
  private static final int D = 5;
  private Path dir;
  private final SparkSession spark;
  private final double[][] a = new double[N][D];
  private final double[] b = new double[N];
  private long nonZeros;

  DataLoaderFormatsTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void writeTheSameRowsInEveryFormat(@TempDir Path tempDir) {
    dir = tempDir;
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < N; i++) {
      b[i] = rnd.nextDouble() * 4 - 2;
      for (int j = 0; j < D; j++) {
        // Row 3 reaches column d, so that LIBSVM infers d.
        a[i][j] = rnd.nextInt(3) == 0 && !(i == 3 && j == D - 1) ? 0.0 : rnd.nextDouble() - 0.5;
        nonZeros += a[i][j] != 0.0 ? 1 : 0;
      }
    }
    List<String> csv = new ArrayList<>(List.of("a1,a2,b,a3,a4,a5"));
    List<String> libsvm = new ArrayList<>(List.of("# generated", ""));
    for (int i = 0; i < N; i++) {
      csv.add(a[i][0] + "," + a[i][1] + "," + b[i] + "," + a[i][2] + "," + a[i][3] + "," + a[i][4]);
      libsvm.add(LibSvmFormat.line(LabeledRow.dense(i, b[i], a[i]), D, false) + (i % 5 == 0 ? "  # row " + i : ""));
    }
    Fixtures.write(dir, "rows.csv", csv.toArray(String[]::new));
    Fixtures.write(dir, "rows.libsvm", libsvm.toArray(String[]::new));
    for (ParquetFeatures kind : ParquetFeatures.values()) {
      Fixtures.writeParquet(spark, dir.resolve(kind + ".parquet"), b, a, kind, "y", "x", 2);
    }
  }

  private LoadedData load(String name, int partitions) {
    ReadOptions options = TestReadOptions.defaults().withPartitions(partitions).withBlockRows(4)
        .withCsvHeader(true).withLabelColumn(2).withColumns("y", "x").build();
    return DataLoader.load(spark, dir.resolve(name).toString(), options);
  }

  @Test
  void everyFormatLoadsTheSameRowsWithPartitionIndependentIds() {
    for (String name : List.of("rows.csv", "rows.libsvm", "DENSE_VECTOR.parquet", "SPARSE_VECTOR.parquet",
        "DOUBLE_ARRAY.parquet")) {
      Map<Long, LoadedRow> reference = null;
      for (int p : new int[] {1, 3, 8}) {
        LoadedData data = load(name, p);
        try {
          String what = name + " in " + p + " partitions";
          boolean sparse = name.equals("rows.libsvm") || name.startsWith("SPARSE");
          assertEquals(N, data.n(), what);
          assertEquals(D, data.d(), what);
          assertEquals(sparse ? nonZeros : (long) N * D, data.nnz(), what);
          assertEquals(p, data.partitions(), what);
          assertEquals(p, data.blocks().getNumPartitions(), what);
          Class<? extends RowBlock> kind = sparse ? SparseBlock.class : DenseBlock.class;
          assertTrue(data.blocks().collect().stream().allMatch(kind::isInstance), what);
          assertArrayEquals(a, Fixtures.matrix(data), what);
          assertArrayEquals(b, Fixtures.targets(data), what);
          TreeMap<Long, LoadedRow> rows = Fixtures.rows(data);
          if (reference == null) {
            reference = rows;
          }
          assertEquals(reference.keySet(), rows.keySet(), what);
        } finally {
          data.unpersist();
        }
      }
    }
  }

  @Test
  void morePartitionsThanRowsLeavesEmptyPartitions() {
    Fixtures.write(dir, "three.csv", "1,2", "3,4", "5,6");
    LoadedData data = DataLoader.load(spark, dir.resolve("three.csv").toString(),
        TestReadOptions.defaults().withPartitions(8).build());
    try {
      assertEquals(3, data.n());
      assertEquals(1, data.d());
      assertEquals(8, data.partitions());
      List<List<RowBlock>> parts = data.blocks().glom().collect();
      assertEquals(8, parts.size());
      assertTrue(parts.stream().anyMatch(List::isEmpty));
      assertArrayEquals(new double[] {1, 3, 5}, Fixtures.targets(data));
      assertEquals(1, data.files().size());
      assertTrue(data.files().get(0).startsWith("file:"), data.files().get(0));
    } finally {
      data.unpersist();
    }
    // The same file through an explicit file:// URI (any Hadoop FileSystem scheme works alike).
    LoadedData uri = DataLoader.load(spark, dir.resolve("three.csv").toUri().toString(), ReadOptions.defaults());
    uri.unpersist();
    assertEquals(data.fingerprint(), uri.fingerprint());
    assertEquals(3, uri.n());
  }

  @Test
  void fingerprintFollowsTheFiles() {
    LoadedData one = load("rows.csv", 1);
    LoadedData two = load("rows.libsvm", 1);
    one.unpersist();
    two.unpersist();
    assertEquals(64, one.fingerprint().length());
    assertNotEquals(one.fingerprint(), two.fingerprint());
    assertEquals(one.fingerprint(), load("rows.csv", 2).fingerprint());
  }
}
