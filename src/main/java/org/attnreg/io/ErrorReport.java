package org.attnreg.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.attnreg.io.RowErrors.RowError;

/**
 * Turns the row errors collected by the validation job into one {@link DataFormatException}: the
 * earliest ones by position (file order, then line), each located by file and line. Text errors
 * carry byte offsets, so their files are read up to the offsets to count lines; this happens only
 * on this error path.
 */
final class ErrorReport {
  /** How many errors the exception lists. */
  static final int LISTED = RowErrors.KEEP_PER_PARTITION;

  private ErrorReport() {}

  /** The errors of rows read from {@code files}, located by file and line (Parquet: row in the file). */
  static DataFormatException forFiles(Configuration conf, InputFiles files, InputFormat format, RowErrors errors) {
    List<RowError> first = earliest(errors);
    long[] lines = format == InputFormat.PARQUET ? rowNumbers(first) : lineNumbers(conf, files, first);
    List<DataFormatException> located = new ArrayList<>();
    for (int k = 0; k < first.size(); k++) {
      RowError e = first.get(k);
      located.add(new DataFormatException(files.display(InputFiles.fileOf(e.rowId())), lines[k], e.field(),
          e.value(), e.reason()));
    }
    return DataFormatException.ofMany(located, errors.count());
  }

  /** The errors of a DataFrame's rows, located by DataFrame partition and row. */
  static DataFormatException forDataFrame(RowErrors errors) {
    List<DataFormatException> located = new ArrayList<>();
    for (RowError e : earliest(errors)) {
      located.add(DataFrameSource.located(new DataFormatException(null, 0, e.field(), e.value(), e.reason()),
          e.rowId()));
    }
    return DataFormatException.ofMany(located, errors.count());
  }

  private static List<RowError> earliest(RowErrors errors) {
    return errors.kept().stream().sorted(Comparator.comparingLong(RowError::rowId)).limit(LISTED).toList();
  }

  private static long[] rowNumbers(List<RowError> errors) {
    return errors.stream().mapToLong(e -> InputFiles.positionOf(e.rowId()) + 1).toArray();
  }

  /** Line numbers of errors sorted by row id, reading each file concerned once. */
  private static long[] lineNumbers(Configuration conf, InputFiles files, List<RowError> errors) {
    long[] lines = new long[errors.size()];
    for (int start = 0; start < errors.size(); ) {
      int file = InputFiles.fileOf(errors.get(start).rowId());
      int end = start;
      while (end < errors.size() && InputFiles.fileOf(errors.get(end).rowId()) == file) {
        end++;
      }
      long[] offsets = errors.subList(start, end).stream().mapToLong(e -> InputFiles.positionOf(e.rowId())).toArray();
      System.arraycopy(lineNumbers(conf, files, file, offsets), 0, lines, start, end - start);
      start = end;
    }
    return lines;
  }

  /** Line numbers of the given ascending byte offsets of file {@code fileIndex}. */
  private static long[] lineNumbers(Configuration conf, InputFiles files, int fileIndex, long[] offsets) {
    try (InputStream in = TextSource.open(conf, files.path(fileIndex))) {
      return lineNumbers(in, offsets);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.display(fileIndex) + " to locate an error", e);
    }
  }

  /**
   * Turns byte offsets of line starts into 1-based line numbers by counting line ends before them,
   * with the same line ends Hadoop's {@code LineRecordReader} uses ({@code \n}, {@code \r\n}, lone
   * {@code \r}). Only the error path uses it, so it may read a file from its start.
   *
   * @param in the file's bytes from offset 0 (closed by the caller)
   * @param offsets ascending byte offsets
   * @return the line number of each offset
   */
  static long[] lineNumbers(InputStream in, long[] offsets) throws IOException {
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
