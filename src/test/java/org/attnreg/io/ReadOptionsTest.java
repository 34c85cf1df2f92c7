package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.storage.StorageLevel;
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
    ReadOptions p = o.withFormat(InputFormat.CSV).withPartitions(3).withCsvHeader(true).withLabelColumn(2)
        .withColumns("y", "x").withWeightColumn(4).withWeightCol("w").withNumFeatures(7).withBlockRows(64)
        .withStorage(StorageLevel.MEMORY_AND_DISK());
    assertEquals(new ReadOptions(InputFormat.CSV, 3, true, 2, "y", "x", 4, "w", 7, 64, StorageLevel.MEMORY_AND_DISK()),
        p);
    assertFalse(o.hasRowWeights());
    assertTrue(p.hasRowWeights());
    assertTrue(o.withWeightCol("w").hasRowWeights());
  }

  @Test
  void rejectsBadValuesNamingThem() {
    ReadOptions o = ReadOptions.defaults();
    assertMessage(() -> o.withPartitions(-1), "partitions", "-1");
    assertMessage(() -> o.withLabelColumn(-2), "labelColumn", "-2");
    assertMessage(() -> o.withColumns(" ", "x"), "labelCol", "' '");
    assertMessage(() -> o.withColumns("v", "v"), "must differ", "'v'");
    assertMessage(() -> o.withWeightColumn(-2), "weightColumn", "-2");
    assertMessage(() -> o.withWeightColumn(0), "weightColumn and labelColumn must differ", "0");
    assertMessage(() -> o.withWeightCol(""), "weightCol", "''");
    assertMessage(() -> o.withWeightCol("b"), "weightCol must differ", "'b'");
    assertMessage(() -> o.withNumFeatures(-5), "numFeatures", "-5");
    assertMessage(() -> o.withBlockRows(-1), "blockRows", "-1");
    assertMessage(() -> o.withStorage(StorageLevel.NONE()), "storage", "");
  }

  private static void assertMessage(Executable build, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }
}
