package org.attnreg.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns byte offsets of line starts into 1-based line numbers by counting line ends before them,
 * with the same line ends Hadoop's {@code LineRecordReader} uses ({@code \n}, {@code \r\n}, lone
 * {@code \r}). Only the error path uses it, so it may read a file from its start.
 */
final class LineNumbers {
  private LineNumbers() {}

  /**
   * @param in the file's bytes from offset 0 (closed by the caller)
   * @param offsets ascending byte offsets
   * @return the line number of each offset
   */
  static long[] of(InputStream in, long[] offsets) throws IOException {
    long[] lines = new long[offsets.length];
    InputStream buffered = new BufferedInputStream(in, 1 << 16);
    long pos = 0;
    long ends = 0;
    int previous = -1;
    for (int k = 0; k < offsets.length; k++) {
      while (pos < offsets[k]) {
        int c = buffered.read();
        if (c < 0) {
          throw new IOException("file ends at byte " + pos + ", before offset " + offsets[k]);
        }
        if (c == '\r' || (c == '\n' && previous != '\r')) {
          ends++;
        }
        previous = c;
        pos++;
      }
      lines[k] = ends + 1;
    }
    return lines;
  }
}
