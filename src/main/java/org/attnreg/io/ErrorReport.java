package org.attnreg.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Turns the row errors collected by the validation job into one {@link DataFormatException}: the
 * earliest ones by position (file order, then line), each located by file and line. Text errors
 * carry byte offsets, so their files are read up to the offsets to count lines; this happens only
 * on this error path.
 */
final class ErrorReport {
  /** How many errors the exception lists. */
  static final int LISTED = ErrorSink.KEEP_PER_PARTITION;

  private ErrorReport() {}

  static DataFormatException build(Configuration conf, InputFiles files, InputFormat format, List<RowError> kept,
      long count) {
    List<RowError> first = kept.stream().sorted(Comparator.comparingLong(RowError::rowId)).limit(LISTED).toList();
    long[] lines = format == InputFormat.PARQUET ? rowNumbers(first) : lineNumbers(conf, files, first);
    List<DataFormatException> located = new ArrayList<>();
    for (int k = 0; k < first.size(); k++) {
      RowError e = first.get(k);
      located.add(new DataFormatException(files.display(RowIds.file(e.rowId())), lines[k], e.field(), e.value(),
          e.reason()));
    }
    return DataFormatException.ofMany(located, count);
  }

  private static long[] rowNumbers(List<RowError> errors) {
    return errors.stream().mapToLong(e -> RowIds.position(e.rowId()) + 1).toArray();
  }

  /** Line numbers of errors sorted by row id, reading each file concerned once. */
  private static long[] lineNumbers(Configuration conf, InputFiles files, List<RowError> errors) {
    long[] lines = new long[errors.size()];
    for (int start = 0; start < errors.size(); ) {
      int file = RowIds.file(errors.get(start).rowId());
      int end = start;
      while (end < errors.size() && RowIds.file(errors.get(end).rowId()) == file) {
        end++;
      }
      long[] offsets = errors.subList(start, end).stream().mapToLong(e -> RowIds.position(e.rowId())).toArray();
      System.arraycopy(lineNumbers(conf, files, file, offsets), 0, lines, start, end - start);
      start = end;
    }
    return lines;
  }

  /** Line numbers of the given ascending byte offsets of file {@code fileIndex}. */
  private static long[] lineNumbers(Configuration conf, InputFiles files, int fileIndex, long[] offsets) {
    try (InputStream in = TextSource.open(conf, files.path(fileIndex))) {
      return LineNumbers.of(in, offsets);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.display(fileIndex) + " to locate an error", e);
    }
  }
}
