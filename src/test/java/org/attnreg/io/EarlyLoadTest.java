package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.linalg.RowBlock;
import org.attnreg.spark.SparkSessions;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's early read gives the Spark load's blocks bit for bit, partition by partition, caches
 * them as an RDD the block manager holds (and reads again when they are dropped), reports bad rows
 * with the Spark load's message, and steps aside wherever it cannot match the Spark load.
 */
@ExtendWith(SharedSpark.class)
class EarlyLoadTest {
  @TempDir
  Path dir;
  private final SparkSession spark;
  private final JavaSparkContext sc;
  private final Configuration conf = SparkSessions.hadoopConfiguration(null);

  EarlyLoadTest(SparkSession spark) {
    this.spark = spark;
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** The early read as a solve starts it: after the input check before Spark, with the format it found. */
  private EarlyLoad start(String path, ReadOptions options, long maxBytes, int cores) {
    return EarlyLoad.start(conf, path, InputCheck.check(conf, path, options), options, maxBytes, cores);
  }

  /** Each partition's blocks as their serialised bytes: equal bytes, equal blocks to the last bit. */
  private static List<List<byte[]>> bytes(List<List<RowBlock>> partitions) {
    List<List<byte[]>> out = new ArrayList<>();
    for (List<RowBlock> partition : partitions) {
      List<byte[]> blocks = new ArrayList<>();
      for (RowBlock b : partition) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(buffer)) {
          o.writeObject(b);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        blocks.add(buffer.toByteArray());
      }
      out.add(blocks);
    }
    return out;
  }

  private static void assertSameBlocks(List<List<RowBlock>> expected, List<List<RowBlock>> actual) {
    List<List<byte[]>> e = bytes(expected);
    List<List<byte[]>> a = bytes(actual);
    assertEquals(e.size(), a.size(), "partitions");
    for (int p = 0; p < e.size(); p++) {
      assertEquals(e.get(p).size(), a.get(p).size(), "blocks of partition " + p);
      for (int k = 0; k < e.get(p).size(); k++) {
        assertArrayEquals(e.get(p).get(k), a.get(p).get(k), "block " + k + " of partition " + p);
      }
    }
  }

  /** Loads {@code path} through Spark and early; checks both agree, then returns the early data. */
  private LoadedData bothAgree(String path, ReadOptions options) {
    LoadedData viaSpark = DataLoader.load(spark, path, options);
    List<List<RowBlock>> expected = viaSpark.blocks().glom().collect();
    viaSpark.unpersist();
    EarlyLoad early = start(path, options, Long.MAX_VALUE, 2);
    assertNotNull(early, "the early read should apply to " + path);
    LoadedData data = DataLoader.load(spark, path, options, early);
    assertEquals(LoadedData.BY_DRIVER, data.readBy());
    assertEquals(LoadedData.BY_SPARK, viaSpark.readBy());
    assertEquals(List.of(viaSpark.n(), (long) viaSpark.d(), viaSpark.nnz(), (long) viaSpark.partitions()),
        List.of(data.n(), (long) data.d(), data.nnz(), (long) data.partitions()));
    assertEquals(viaSpark.fingerprint(), data.fingerprint());
    assertEquals(viaSpark.files(), data.files());
    assertTrue(heldInMemory(data), "the block manager should hold every partition");
    assertSameBlocks(expected, data.blocks().glom().collect());
    // dropped by the block manager, the partitions are read again from the files, the same
    data.blocks().unpersist(true);
    assertSameBlocks(expected, data.blocks().glom().collect());
    return data;
  }

  private static boolean heldInMemory(LoadedData data) {
    for (int p = 0; p < data.partitions(); p++) {
      if (!SparkEnv.get().blockManager().memoryStore().contains(RDDBlockId.apply(data.blocks().id(), p))) {
        return false;
      }
    }
    return true;
  }

  /** Rows b, a_1..a_d of random values, a_2 ≥ 0 (a weight column may take it). */
  private static String[] csvLines(int n, int d, long seed, boolean header) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    if (header) {
      lines.add("b" + ",a".repeat(d));
    }
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder(Double.toString(Math.exp(r.nextGaussian())));
      for (int j = 0; j < d; j++) {
        double v = j == 1 ? Math.abs(r.nextGaussian()) : r.nextGaussian();
        sb.append(',').append(i % 7 == 3 && j == 1 ? "0" : Double.toString(v));
      }
      lines.add(sb.toString());
    }
    return lines.toArray(String[]::new);
  }

  @Test
  void aCsvFileWithAHeaderSplitThreeWaysGivesTheSparkLoadsBlocks() {
    String path = Fixtures.write(dir, "a.csv", csvLines(500, 5, 1, true)).toString();
    ReadOptions options = TestReadOptions.defaults().withPartitions(3).withCsvHeader(true).withBlockRows(64).build();
    LoadedData data = bothAgree(path, options);
    assertEquals(500, data.n());
    data.unpersist();
  }

  @Test
  void csvWithAWeightColumnInOnePartition() {
    String path = Fixtures.write(dir, "w.csv", csvLines(300, 4, 2, false)).toString();
    bothAgree(path, TestReadOptions.defaults().withPartitions(1).withWeightColumn(2).build()).unpersist();
  }

  @Test
  void aLibSvmDirectoryOfTwoFilesWhoseWidthTheRowsTell() {
    Path data = dir.resolve("data.libsvm");
    Random r = new Random(3);
    for (int f = 0; f < 2; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int j = 1 + r.nextInt(9);
        lines.add(String.format(Locale.ROOT, "%s %d:%s %d:%s", r.nextGaussian(), j, r.nextGaussian(), j + 3,
            r.nextGaussian()));
      }
      Fixtures.write(data, "part-0000" + f, lines.toArray(String[]::new));
    }
    Fixtures.write(data, "_SUCCESS");
    LoadedData loaded = bothAgree(data.toString(),
        TestReadOptions.defaults().withPartitions(2).withBlockRows(16).build());
    assertEquals(12, loaded.d());
    loaded.unpersist();
  }

  @Test
  void badRowsGiveTheSparkLoadsErrorAndLeaveNothingCached() {
    String[] lines = csvLines(60, 3, 4, true);
    lines[20] = "1.5,abc,2,3";
    lines[41] = "2,3";
    String path = Fixtures.write(dir, "bad.csv", lines).toString();
    ReadOptions options = TestReadOptions.defaults().withPartitions(2).withCsvHeader(true).build();
    DataFormatException viaSpark = assertThrows(DataFormatException.class, () -> DataLoader.load(spark, path, options));
    int cachedBefore = sc.getPersistentRDDs().size();
    EarlyLoad early = start(path, options, Long.MAX_VALUE, 2);
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.load(spark, path, options, early));
    assertEquals(viaSpark.getMessage(), e.getMessage());
    assertEquals(2, e.errorCount());
    assertEquals(21, e.line());
    assertEquals(cachedBefore, sc.getPersistentRDDs().size(), "blocks left cached");
  }

  @Test
  void aBadFirstRowIsRefusedBeforeSparkIsNeeded() {
    String path = Fixtures.write(dir, "narrow.csv", "1", "2").toString();
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> start(path, TestReadOptions.defaults().withPartitions(2).build(), Long.MAX_VALUE, 2));
    assertTrue(e.getMessage().startsWith(path + ":1: "), e.getMessage());
  }

  @Test
  void itStepsAsideWhereItCouldNotMatchTheSparkLoad() {
    Path two = dir.resolve("two.csv");
    Fixtures.write(two, "part-00000", csvLines(50, 3, 5, false));
    Fixtures.write(two, "part-00001", csvLines(50, 3, 6, false));
    ReadOptions one = TestReadOptions.defaults().withPartitions(1).build();
    assertNull(start(two.toString(), one, Long.MAX_VALUE, 2), "two files make two splits, not one");
    ReadOptions twoParts = TestReadOptions.defaults().withPartitions(2).build();
    assertNull(start(two.toString(), twoParts, 100, 2), "above the size limit");
    assertNull(start(two.toString(),
        TestReadOptions.from(twoParts).withStorage(StorageLevel.MEMORY_ONLY_SER()).build(), Long.MAX_VALUE, 2),
        "cached serialised");
    EarlyLoad early = start(two.toString(), twoParts, Long.MAX_VALUE, 2);
    assertNotNull(early);
    ReadOptions threeParts = TestReadOptions.defaults().withPartitions(3).build();
    assertNull(early.finish(sc, threeParts), "read for other options");
    LoadedData viaSpark = DataLoader.load(spark, two.toString(), twoParts, early); // a finished read serves no more
    assertEquals(LoadedData.BY_SPARK, viaSpark.readBy());
    viaSpark.unpersist();
  }

  @Test
  void theLimitIsAnEighthOfTheHeapUpToOneGibibyte() {
    assertEquals(1L << 27, EarlyLoad.limit(1L << 30));
    assertEquals(EarlyLoad.MAX_BYTES, EarlyLoad.limit(64L << 30));
  }
}
