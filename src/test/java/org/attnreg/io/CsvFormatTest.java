package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvFormatTest {
  private final RowParser.Buffer row = new RowParser.Buffer();

  @Test
  void readsLabelFromColumnZeroAndFeaturesInOrder() {
    assertTrue(new CsvFormat(0, -1, 4).parse("1.5, -2 ,3e-300,0", row));
    assertFalse(row.isSparse());
    assertEquals(1.5, row.label());
    assertArrayEquals(new double[] {-2, 3e-300, 0}, row.dense());
    assertEquals(3, row.span());
  }

  @Test
  void labelMayBeAnyColumn() {
    new CsvFormat(2, -1, 4).parse("1,2,3,4", row);
    assertEquals(3.0, row.label());
    assertArrayEquals(new double[] {1, 2, 4}, row.dense());
    new CsvFormat(3, -1, 4).parse("1,2,3,4", row);
    assertEquals(4.0, row.label());
    assertArrayEquals(new double[] {1, 2, 3}, row.dense());
  }

  @Test
  void blankLinesHoldNoRow() {
    assertFalse(new CsvFormat(0, -1, 2).parse("", row));
    assertFalse(new CsvFormat(0, -1, 2).parse("  \t", row));
  }

  @Test
  void countsFields() {
    assertEquals(1, CsvFormat.countFields(""));
    assertEquals(3, CsvFormat.countFields("1,,2"));
    assertEquals(4, CsvFormat.countFields("a,b,c,"));
  }

  @Test
  void wrongFieldCountNamesTheLineAndBothCounts() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvFormat(0, -1, 3).parse("1,2", row));
    assertNull(e.field());
    assertEquals("1,2", e.value());
    assertEquals("('1,2'): has 2 fields, expected 3 (as in the first row)", e.getMessage());
    assertThrows(DataFormatException.class, () -> new CsvFormat(0, -1, 3).parse("1,2,3,4", row));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "1,abc,3     | field 2 | abc  | value is not a number",
      "1,2,NaN     | field 3 | NaN  | value is not finite",
      "-Infinity,2,3 | field 1 | -Infinity | label b is not finite",
      "x,2,3       | field 1 | x    | label b is not a number",
      "' ,2,3'     | field 1 | ''   | missing label b",
      "1,,3        | field 2 | ''   | empty field",
      "1,2,\"3\"   | field 3 | \"3\" | value is not a number",
      "1,2,3d      | field 3 | 3d   | value is not a number",
  })
  void rejectsBadFieldsNamingThem(String line, String field, String value, String reason) {
    DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvFormat(0, -1, 3).parse(line, row));
    assertEquals(field, e.field());
    assertEquals(value, e.value());
    assertEquals(reason, e.reason().substring(0, Math.min(reason.length(), e.reason().length())));
    assertTrue(e.getMessage().startsWith(field + " ('" + value + "'): " + reason), e.getMessage());
  }

  @Test
  void refusesImpossibleShapes() {
    assertThrows(IllegalArgumentException.class, () -> new CsvFormat(0, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new CsvFormat(3, -1, 3));
  }

  @Test
  void csvWritesEveryColumn() {
    assertEquals("1.5,2.0,0.0,-0.25", CsvFormat.line(LabeledRow.dense(0, 1.5, new double[] {2, 0, -0.25}), 3));
    assertEquals("7.0,0.0,9.0,0.0", CsvFormat.line(new LabeledRow(0, 7, new int[] {1}, new double[] {9}), 3));
  }
}
