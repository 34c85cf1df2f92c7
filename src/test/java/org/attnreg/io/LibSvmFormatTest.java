package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibSvmFormatTest {
  private final RowParser.Buffer row = new RowParser.Buffer();

  private void parse(String line, int numFeatures) {
    assertTrue(new LibSvmFormat(numFeatures).parse(line, row), line);
  }

  @Test
  void readsLabelAndPairsAsZeroBasedColumns() {
    parse("2.5 1:0.5 3:-1e-3 10:7", 0);
    assertEquals(2.5, row.label());
    assertTrue(row.isSparse());
    assertEquals(3, row.count());
    assertArrayEquals(new int[] {0, 2, 9}, Arrays.copyOf(row.indices(), 3));
    assertArrayEquals(new double[] {0.5, -1e-3, 7}, Arrays.copyOf(row.values(), 3));
    assertEquals(10, row.span());
  }

  @Test
  void acceptsTabsCommentsAndLabelOnlyLines() {
    parse("\t-1\t2:3.0   # a comment 5:6", 0);
    assertEquals(-1.0, row.label());
    assertEquals(1, row.count());
    assertEquals(2, row.span());
    parse("4", 0);
    assertEquals(4.0, row.label());
    assertEquals(0, row.count());
    assertEquals(0, row.span());
  }

  @Test
  void explicitZerosAreNotStoredButCountTowardsTheWidth() {
    parse("1 2:1.5 7:0 8:0.0", 0);
    assertEquals(1, row.count());
    assertEquals(8, row.span());
  }

  @Test
  void blankAndCommentOnlyLinesHoldNoRow() {
    LibSvmFormat parser = new LibSvmFormat(0);
    assertFalse(parser.parse("", row));
    assertFalse(parser.parse("   \t ", row));
    assertFalse(parser.parse("# only a comment", row));
  }

  @Test
  void numFeaturesBoundsTheIndex() {
    parse("1 5:1", 5);
    DataFormatException e = assertThrows(DataFormatException.class, () -> parse("1 2:1 6:1", 5));
    assertEquals("field 3", e.field());
    assertEquals("6:1", e.value());
    assertEquals("field 3 ('6:1'): index 6 exceeds numFeatures 5", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "abc 1:2           | field 1 | abc     | label b is not a number",
      "NaN 1:2           | field 1 | NaN     | label b is not finite",
      "1:2 3:4           | field 1 | 1:2     | missing label b",
      "1 2:x             | field 2 | 2:x     | value is not a number",
      "1 2:Infinity      | field 2 | 2:Infinity | value is not finite",
      "1 2:-inf          | field 2 | 2:-inf  | value is not a number",
      "1 2:1 2:3         | field 3 | 2:3     | index 2 is not ascending (previous index 2)",
      "1 3:1 2:3         | field 3 | 2:3     | index 2 is not ascending (previous index 3)",
      "1 0:1             | field 2 | 0:1     | index 0 is below 1",
      "1 -3:1            | field 2 | -3:1    | index -3 is below 1",
      "1 a:1             | field 2 | a:1     | index is not an integer",
      "1 99999999999:1   | field 2 | 99999999999:1 | index out of range",
      "1 2               | field 2 | 2       | expected index:value",
      "1 :2              | field 2 | :2      | expected index:value",
      "1 2:              | field 2 | 2:      | expected index:value",
      "1 2:1.5f          | field 2 | 2:1.5f  | value is not a number",
  })
  void rejectsMalformedLinesNamingFieldValueAndReason(String line, String field, String value, String reason) {
    DataFormatException e = assertThrows(DataFormatException.class, () -> parse(line, 0));
    assertEquals(field, e.field());
    assertEquals(value, e.value());
    assertTrue(e.reason().startsWith(reason), e.reason());
    assertTrue(e.getMessage().startsWith(field + " ('" + value + "'): " + reason), e.getMessage());
    assertEquals(0, e.line());
  }

  @Test
  void libsvmWritesOneBasedNonZerosAndMarksTheWidth() {
    assertEquals("1.5 1:2.0 3:-0.25", LibSvmFormat.line(LabeledRow.dense(0, 1.5, new double[] {2, 0, -0.25}), 3, true));
    assertEquals("1.0 2:3.0 4:0.0", LibSvmFormat.line(LabeledRow.dense(0, 1, new double[] {0, 3, 0, 0}), 4, true));
    assertEquals("1.0 2:3.0", LibSvmFormat.line(LabeledRow.dense(0, 1, new double[] {0, 3, 0, 0}), 4, false));
    assertEquals("-2.0 5:1.0E-300", LibSvmFormat.line(new LabeledRow(0, -2, new int[] {4}, new double[] {1e-300}), 0, false));
  }
}
