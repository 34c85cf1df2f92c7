package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.storage.StorageLevel;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ReadOptionsTest {

  @Test
  void defaultsAndWithers() {
    ReadOptions o = ReadOptions.defaults();
    assertNull(o.format());
    assertEquals(0, o.partitions());
    assertEquals("b", o.labelCol());
    assertEquals("features", o.featuresCol());
    assertEquals(StorageLevel.MEMORY_ONLY(), o.storage());
    ReadOptions p = TestReadOptions.from(o).withFormat(InputFormat.CSV).withPartitions(3).withCsvHeader(true)
        .withLabelColumn(2).withColumns("y", "x").withWeightColumn(4).withWeightCol("w").withNumFeatures(7)
        .withBlockRows(64).withStorage(StorageLevel.MEMORY_AND_DISK()).build();
    assertEquals(new ReadOptions(InputFormat.CSV, 3, true, 2, "y", "x", 4, "w", 7, 64, StorageLevel.MEMORY_AND_DISK()),
        p);
    assertFalse(o.hasRowWeights());
    assertTrue(p.hasRowWeights());
    assertTrue(o.withWeightCol("w").hasRowWeights());
    assertTrue(o.withWeightColumn(1).hasRowWeights());
    assertFalse(p.withWeightColumn(-1).withWeightCol(null).hasRowWeights());
  }

  @Test
  void columnsOfADataFrame() {
    ReadOptions o = ReadOptions.ofColumns("y", "x", "w", 5);
    assertEquals(TestReadOptions.defaults().withColumns("y", "x").withWeightCol("w").withPartitions(5).build(), o);
    assertFalse(ReadOptions.ofColumns("y", "x", null, 0).hasRowWeights());
    assertMessage(() -> ReadOptions.ofColumns("v", "v", null, 0), "must differ", "'v'");
  }

  @Test
  void rejectsBadValuesNamingThem() {
    ReadOptions o = ReadOptions.defaults();
    assertMessage(() -> TestReadOptions.from(o).withPartitions(-1).build(), "partitions", "-1");
    assertMessage(() -> TestReadOptions.from(o).withLabelColumn(-2).build(), "labelColumn", "-2");
    assertMessage(() -> TestReadOptions.from(o).withColumns(" ", "x").build(), "labelCol", "' '");
    assertMessage(() -> TestReadOptions.from(o).withColumns("v", "v").build(), "must differ", "'v'");
    assertMessage(() -> o.withWeightColumn(-2), "weightColumn", "-2");
    assertMessage(() -> o.withWeightColumn(0), "weightColumn and labelColumn must differ", "0");
    assertMessage(() -> o.withWeightCol(""), "weightCol", "''");
    assertMessage(() -> o.withWeightCol("b"), "weightCol must differ", "'b'");
    assertMessage(() -> TestReadOptions.from(o).withNumFeatures(-5).build(), "numFeatures", "-5");
    assertMessage(() -> TestReadOptions.from(o).withBlockRows(-1).build(), "blockRows", "-1");
    assertMessage(() -> TestReadOptions.from(o).withStorage(StorageLevel.NONE()).build(), "storage", "");
  }

  private static void assertMessage(Executable build, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
