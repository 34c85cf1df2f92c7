package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.attnreg.io.ContentSniffer.Content;
import org.attnreg.io.ContentSniffer.Kind;
import org.junit.jupiter.api.Test;

/** What content looks like, from its first bytes and rows, and how values are shown in messages. */
class ContentSnifferTest {

  private static Content text(String s) throws IOException {
    return ContentSniffer.text(new BufferedReader(new StringReader(s)));
  }

  @Test
  void textKindsComeFromTheFirstRowLine() throws IOException {
    assertEquals(Kind.LIBSVM, text("\n# a comment\n1 1:0.5 3:-2e-3\n").kind());
    assertEquals(3, text("\n# a comment\n1 1:0.5 3:-2e-3\n").line());
    assertEquals(Kind.CSV, text("0.5, 1e-3 ,-2\n").kind());
    Content header = text("b,a1,a2\n0.5,1,2\n");
    assertEquals(Kind.CSV_WITH_HEADER, header.kind());
    assertEquals("b,a1,a2", header.text());
    // names over a row of another width, or over a bad row, are no header: the parser reports them
    assertEquals(Kind.OTHER_TEXT, text("b,a1,a2\n0.5,1\n").kind());
    assertEquals(Kind.OTHER_TEXT, text("1.0,abc,2\n0.5,1,2\n").kind());
    assertEquals(Kind.OTHER_TEXT, text("1 2 3\n").kind());
    assertEquals(Kind.OTHER_TEXT, text("1 a:2\n").kind());
    assertEquals(Kind.OTHER_TEXT, text("\n\n").kind());
  }

  @Test
  void binaryKindsNameTheirEvidence() {
    assertNull(ContentSniffer.binary("1,2\t3\r\n".getBytes(StandardCharsets.UTF_8)));
    assertNull(ContentSniffer.binary("é,1".getBytes(StandardCharsets.UTF_8)));
    byte[] cut = "1,é".getBytes(StandardCharsets.UTF_8);
    assertNull(ContentSniffer.binary(java.util.Arrays.copyOf(cut, cut.length - 1)), "a character cut by the sample's end");
    assertEquals("byte 0x00 at offset 1", ContentSniffer.binary(new byte[] {'1', 0, '2'}).text());
    assertEquals(Kind.BINARY, ContentSniffer.binary(new byte[] {'1', (byte) 0xff, '2'}).kind());
    assertEquals(Kind.COMPRESSED, ContentSniffer.binary(new byte[] {0x1f, (byte) 0x8b, 8, 0}).kind());
  }

  @Test
  void messagesEscapeControlCharactersAndCutLongValues() {
    String value = "PAR1\u0015\u0000\u001b[31m\uFFFDred" + "x".repeat(200);
    String message = DataFormatException.inLine(value, "bad\u0007").at("f\nile.csv", 2).getMessage();
    assertTrue(message.startsWith("f\\nile.csv:2: ('PAR1\\u0015\\u0000\\u001b[31m\\ufffdred"), message);
    assertTrue(message.endsWith("...'): bad\\u0007"), message);
    assertFalse(message.chars().anyMatch(c -> c < 0x20 || c == 0xfffd), message);
    assertTrue(message.length() < 140, message);
  }
}
