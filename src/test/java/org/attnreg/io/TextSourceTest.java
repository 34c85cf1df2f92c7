package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Line numbers of error rows, counted from byte offsets as Hadoop splits lines. */
class TextSourceTest {

  private static long[] lines(String text, long... offsets) throws IOException {
    return TextSource.lineNumbers(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), offsets);
  }

  @Test
  void countsEveryKindOfLineEnd() throws IOException {
    // Lines start at 0 ("a"), 2 ("bb"), 6 ("c"), 9 (""), 10 ("d").
    assertArrayEquals(new long[] {1, 2, 3, 4, 5}, lines("a\nbb\r\nc\r\n\nd", 0, 2, 6, 9, 10));
    assertArrayEquals(new long[] {3}, lines("x\r\ry\n", 3));
  }

  @Test
  void failsWhenTheFileIsShorterThanTheOffset() {
    assertThrows(IOException.class, () -> lines("ab", 5));
  }
}
