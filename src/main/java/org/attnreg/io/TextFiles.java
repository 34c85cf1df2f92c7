package org.attnreg.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Driver-side reads of text input: the first row of a CSV input, and line numbers on the error path. */
final class TextFiles {
  private TextFiles() {}

  /** The first line that holds a row. */
  record FirstLine(int fileIndex, long line, String text) {}

  /** Opens a file, decompressing it when its name says it is compressed (as TextInputFormat does). */
  static InputStream open(Configuration conf, Path p) throws IOException {
    InputStream raw = p.getFileSystem(conf).open(p);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /**
   * The first non-blank line of the input, skipping the first line of every file when it is a
   * header; null when there is none.
   */
  static FirstLine firstLine(Configuration conf, InputFiles files, boolean header) {
    for (int f = 0; f < files.size(); f++) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(open(conf, files.path(f)), StandardCharsets.UTF_8))) {
        long line = 0;
        for (String text = r.readLine(); text != null; text = r.readLine()) {
          line++;
          if (!(header && line == 1) && !TextFormat.isBlankLine(text)) {
            return new FirstLine(f, line, text);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + files.display(f), e);
      }
    }
    return null;
  }

  /** Line numbers of the given ascending byte offsets of file {@code fileIndex}. */
  static long[] lineNumbers(Configuration conf, InputFiles files, int fileIndex, long[] offsets) {
    try (InputStream in = open(conf, files.path(fileIndex))) {
      return LineNumbers.of(in, offsets);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.display(fileIndex) + " to locate an error", e);
    }
  }
}
