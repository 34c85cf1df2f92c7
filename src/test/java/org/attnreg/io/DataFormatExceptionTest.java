package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataFormatExceptionTest {

  @Test
  void messageShowsFileLineFieldValueAndReason() {
    DataFormatException e = DataFormatException.inField(3, "abc", "not a number").at("data/x.csv", 17);
    assertEquals("data/x.csv:17: field 3 ('abc'): not a number", e.getMessage());
    assertEquals("data/x.csv", e.file());
    assertEquals(17, e.line());
    assertEquals("field 3", e.field());
    assertEquals("abc", e.value());
    assertEquals("not a number", e.reason());
    assertEquals(1, e.errorCount());
    assertSame(e, e.errors().get(0));
  }

  @Test
  void leavesOutWhatDoesNotApply() {
    assertEquals("data/in: no such file or directory",
        new DataFormatException("data/in", 0, null, null, "no such file or directory").getMessage());
    assertEquals("x.parquet: column 'b': no such column",
        new DataFormatException("x.parquet", 0, "column 'b'", null, "no such column").getMessage());
    assertEquals("x.csv:4: ('1,2'): has 2 fields",
        DataFormatException.inLine("1,2", "has 2 fields").at("x.csv", 4).getMessage());
  }

  @Test
  void longValuesAreCut() {
    String value = "9".repeat(200);
    String message = DataFormatException.inLine(value, "bad").getMessage();
    assertTrue(message.length() < 120, message);
    assertTrue(message.contains("'" + "9".repeat(80) + "...'"), message);
  }

  @Test
  void manyErrorsLeadWithTheFirstAndCountAll() {
    DataFormatException a = DataFormatException.inField(2, "x", "not a number").at("f.csv", 3);
    DataFormatException b = DataFormatException.inField(1, "", "empty field").at("f.csv", 9);
    DataFormatException e = DataFormatException.ofMany(List.of(a, b), 25);
    assertEquals(3, e.line());
    assertEquals("x", e.value());
    assertEquals(25, e.errorCount());
    assertEquals(2, e.errors().size());
    assertTrue(e.getMessage().startsWith("f.csv:3: field 2 ('x'): not a number [25 errors in total; the first 2:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("\n  f.csv:9: field 1 (''): empty field"), e.getMessage());
  }
}
