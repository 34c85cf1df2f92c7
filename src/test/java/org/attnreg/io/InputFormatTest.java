package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputFormatTest {

  @Test
  void infersFromTheExtension() {
    assertEquals(InputFormat.LIBSVM, InputFormat.infer("data/a9a.libsvm"));
    assertEquals(InputFormat.LIBSVM, InputFormat.infer("hdfs://nn/x/a.SVM"));
    assertEquals(InputFormat.CSV, InputFormat.infer("x.csv"));
    assertEquals(InputFormat.CSV, InputFormat.infer("x.csv.gz"));
    assertEquals(InputFormat.CSV, InputFormat.infer("out/instance.csv/"));
    assertEquals(InputFormat.PARQUET, InputFormat.infer("file:///t/x.parquet"));
    assertEquals(InputFormat.PARQUET, InputFormat.infer("part-0000.snappy.parquet"));
  }

  @Test
  void unknownExtensionNamesThePath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputFormat.infer("data/x.txt"));
    assertTrue(e.getMessage().contains("'data/x.txt'"), e.getMessage());
  }
}
