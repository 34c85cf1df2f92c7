package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.Fixtures.ParquetFeatures;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input stops loading with a located DataFormatException and leaves nothing cached. */
@ExtendWith(SharedSpark.class)
class DataLoaderErrorsTest {
  @TempDir
  Path dir;
  private final SparkSession spark;

  DataLoaderErrorsTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Loads, expecting failure; checks the message names file, line and value and that no RDD stays cached. */
  private DataFormatException fails(String path, ReadOptions options, String file, long line, String value) {
    int cachedBefore = spark.sparkContext().getPersistentRDDs().size();
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.load(spark, path, options));
    String where = line > 0 ? file + ":" + line + ": " : file + ": ";
    assertTrue(e.getMessage().startsWith(where), e.getMessage());
    assertEquals(file, e.file());
    assertEquals(line, e.line());
    if (value != null) {
      assertTrue(e.getMessage().contains("('" + value + "')"), e.getMessage());
      assertEquals(value, e.value());
    }
    assertEquals(cachedBefore, spark.sparkContext().getPersistentRDDs().size(), "blocks left cached");
    return e;
  }

  private static ReadOptions options(int partitions) {
    return TestReadOptions.defaults().withPartitions(partitions).build();
  }

  @Test
  void csvValueNotANumberDeepInAFileSplitThreeWays() {
    String[] lines = new String[40];
    lines[0] = "b,a1,a2";
    for (int i = 1; i < lines.length; i++) {
      lines[i] = i + ".5,1e-3," + (i == 29 ? "abc" : "-2");
    }
    String path = Fixtures.write(dir, "x.csv", lines).toString();
    DataFormatException e = fails(path, TestReadOptions.from(options(3)).withCsvHeader(true).build(), path, 30, "abc");
    assertTrue(e.getMessage().startsWith(path + ":30: field 3 ('abc'): value is not a number"), e.getMessage());
    assertEquals(1, e.errorCount());
  }

  @Test
  void csvWrongColumnCountNaNAndMissingLabelAreAllCounted() {
    String path = Fixtures.write(dir, "y.csv", "1,2,3", "4,5,6", "\r", "7,8", "NaN,1,2", ",3,4", "1,2,3").toString();
    DataFormatException e = fails(path, options(2), path, 4, "7,8");
    assertTrue(e.getMessage().contains("has 2 fields, expected 3"), e.getMessage());
    assertEquals(3, e.errorCount());
    assertEquals(5, e.errors().get(1).line());
    assertEquals("NaN", e.errors().get(1).value());
    assertEquals(6, e.errors().get(2).line());
    assertTrue(e.errors().get(2).reason().startsWith("missing label b"), e.errors().get(2).reason());
  }

  @Test
  void libsvmIndexErrorsInTheSecondFileOfADirectory() {
    Path data = dir.resolve("data.libsvm");
    Fixtures.write(data, "part-00000", "1 1:2 3:4", "2 2:1");
    Fixtures.write(data, "part-00001", "# comment line", "1 1:1", "3 4:1 2:5  # descending", "1 0:1", "1 7:1");
    Fixtures.write(data, "_SUCCESS");
    Fixtures.write(data, "_x_star.csv", "not data");
    String file = data + "/part-00001";
    ReadOptions sixWide = TestReadOptions.from(options(4)).withNumFeatures(6).build();
    DataFormatException e = fails(data.toString(), sixWide, file, 3, "2:5");
    assertTrue(e.getMessage().contains("index 2 is not ascending"), e.getMessage());
    assertEquals(3, e.errorCount());
    assertTrue(e.errors().get(1).getMessage().startsWith(file + ":4: field 2 ('0:1'): index 0 is below 1"));
    assertTrue(e.errors().get(2).getMessage().startsWith(file + ":5: field 2 ('7:1'): index 7 exceeds numFeatures 6"));
  }

  @Test
  void libsvmMalformedTokenAndMissingLabelWithWindowsLineEnds() {
    String path = Fixtures.write(dir, "w.svm", "1 1:2\r\n2 2;1\r\n3:1 4:1\r").toString();
    DataFormatException e = fails(path, options(1), path, 2, "2;1");
    assertTrue(e.getMessage().contains("expected index:value"), e.getMessage());
    assertEquals(3, e.errors().get(1).line());
    assertEquals("3:1", e.errors().get(1).value());
  }

  @Test
  void gzippedCsvErrorsAreLocatedInTheUncompressedLines() throws java.io.IOException {
    Path file = dir.resolve("z.csv.gz");
    try (java.io.Writer w = new java.io.OutputStreamWriter(
        new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(file)), "UTF-8")) {
      w.write("1,2\n3,4\n5,Inf\n");
    }
    fails(file.toString(), options(2), file.toString(), 3, "Inf");
  }

  @Test
  void manyErrorsReportTheFirstFewAndTheCount() {
    String[] lines = new String[300];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "1 1:x" + i;
    }
    String path = Fixtures.write(dir, "bad.libsvm", lines).toString();
    DataFormatException e = fails(path, options(3), path, 1, "1:x0");
    assertEquals(300, e.errorCount());
    assertEquals(RowErrors.LISTED, e.errors().size());
    assertEquals(10, e.errors().get(9).line());
    assertTrue(e.getMessage().contains("[300 errors in total; the first 10:"), e.getMessage());
  }

  @Test
  void emptyAndMissingInput() {
    String blank = Fixtures.write(dir, "blank.csv", "", "  ").toString();
    assertTrue(fails(blank, options(2), blank, 0, null).getMessage().endsWith("no rows"));
    String comments = Fixtures.write(dir, "c.libsvm", "# nothing", "").toString();
    assertTrue(fails(comments, options(2), comments, 0, null).getMessage().endsWith("no rows"));
    String header = Fixtures.write(dir, "h.csv", "b,a").toString();
    fails(header, TestReadOptions.from(options(1)).withCsvHeader(true).build(), header, 0, null);
    Path hidden = dir.resolve("only-hidden");
    Fixtures.write(hidden, "_SUCCESS");
    Fixtures.write(hidden, ".part-0.crc");
    ReadOptions csv = TestReadOptions.from(options(1)).withFormat(InputFormat.CSV).build();
    assertTrue(fails(hidden.toString(), csv, hidden.toString(), 0, null)
        .getMessage().contains("no input files"));
    String missing = dir.resolve("nope.csv").toString();
    assertEquals(missing + ": no such file or directory", fails(missing, options(1), missing, 0, null).getMessage());
  }

  @Test
  void parquetWithoutTheLabelColumnListsTheColumns() {
    Path data = dir.resolve("p.parquet");
    Fixtures.writeParquet(spark, data, new double[] {1}, new double[][] {{1, 2}}, ParquetFeatures.DENSE_VECTOR,
        "y", "features", 1);
    DataFormatException e = fails(data.toString(), options(2), data.toString(), 0, null);
    assertEquals("column 'b'", e.field());
    assertTrue(e.getMessage().contains("no such column (columns present: y, features)"), e.getMessage());
  }

  @Test
  void parquetBadValuesNameFileRowAndColumn() {
    Path data = dir.resolve("q.parquet");
    double[][] a = {{1, 2}, {3, Double.NaN}, {4, 5}, null, {6, 7, 8}};
    double[] b = {1, 2, Double.POSITIVE_INFINITY, 4, 5};
    Fixtures.writeParquet(spark, data, b, a, ParquetFeatures.DENSE_VECTOR, "b", "features", 1);
    DataFormatException first = assertThrows(DataFormatException.class,
        () -> DataLoader.load(spark, data.toString(), options(2)));
    String file = first.file();
    assertTrue(file.startsWith(data + "/part-"), file);
    DataFormatException e = fails(data.toString(), options(2), file, 2, "NaN");
    assertEquals("column 'features' feature 2", e.field());
    assertEquals(4, e.errorCount());
    assertEquals(file + ":3: column 'b' ('Infinity'): label b is not finite", e.errors().get(1).getMessage());
    assertTrue(e.errors().get(2).getMessage().endsWith("column 'features' ('null'): missing features"));
    assertTrue(e.errors().get(3).getMessage().contains("has 3 features, expected 2"), e.errors().get(3).getMessage());
  }

  @Test
  void theEarliestErrorsAreReportedEvenWhenARepartitionMixesTheRows() {
    Path data = dir.resolve("nan.parquet");
    double[] b = new double[60];
    java.util.Arrays.fill(b, Double.NaN);
    Fixtures.writeParquet(spark, data, b, new double[60][2], ParquetFeatures.DOUBLE_ARRAY, "b", "features", 1);
    DataFormatException first = assertThrows(DataFormatException.class,
        () -> DataLoader.load(spark, data.toString(), options(3)));
    DataFormatException e = fails(data.toString(), options(3), first.file(), 1, "NaN");
    assertEquals(60, e.errorCount());
    for (int k = 0; k < e.errors().size(); k++) {
      assertEquals(k + 1, e.errors().get(k).line());
    }
  }
}
