package org.attnreg.io;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.attnreg.io.ContentSniffer.Content;
import org.attnreg.io.ContentSniffer.Kind;

/**
 * Decides the format of an input and checks, before Spark reads a row, that every file's content is
 * in it: a Parquet file read as text, a text file read as Parquet, LIBSVM read as CSV (or the other
 * way round) and a CSV header read as a row are refused with one line that says what the content
 * looks like and which option reads it.
 */
final class FormatCheck {
  private FormatCheck() {}

  /**
   * The format to read {@code files} in: {@code given}, else the one their names say.
   *
   * @throws DataFormatException when a file's content is not in that format, or a directory's
   *     names say several formats
   * @throws IllegalArgumentException when no name says a format (the message says what the first
   *     file looks like)
   */
  static InputFormat resolve(Configuration conf, InputFiles files, InputFormat given, boolean csvHeader) {
    InputFormat format = given != null ? given : files.inferFormat();
    if (format == null) {
      Content first = sniff(conf, files, 0);
      InputFormat looks = first.format();
      throw new IllegalArgumentException("cannot infer the input format of '" + files.input()
          + "' from its name: expected a .libsvm, .svm, .csv or .parquet extension, or give --format"
          + (looks != null ? "; its content looks like " + first.describe() + ": --format "
              + looks.name().toLowerCase(Locale.ROOT) : ""));
    }
    for (int f = 0; f < files.size(); f++) {
      check(conf, files, f, format, given != null, csvHeader);
    }
    return format;
  }

  private static void check(Configuration conf, InputFiles files, int f, InputFormat format, boolean given,
      boolean csvHeader) {
    String file = files.display(f);
    if (format == InputFormat.PARQUET) {
      if (!parquetMagic(conf, files, f)) {
        Content c = sniff(conf, files, f);
        throw new DataFormatException(file, 0, null, null, c.kind() == Kind.PARQUET
            ? "not a complete Parquet file: it starts with PAR1 but does not end with it (cut short?)"
            : "not a Parquet file (no PAR1 magic bytes); its content looks like " + c.describe() + hint(c));
      }
      return;
    }
    Content c = sniff(conf, files, f);
    String read = "read as " + format + (given ? " (--format)" : " (from its name)");
    switch (c.kind()) {
      case PARQUET, COMPRESSED, BINARY -> throw new DataFormatException(file, 0, null, null,
          "is " + c.describe() + ", " + read + hint(c));
      case LIBSVM -> {
        if (format == InputFormat.CSV) {
          throw new DataFormatException(file, c.line(), null, c.text(), "looks like LIBSVM (index:value pairs), "
              + read + ": use --format libsvm");
        }
      }
      case CSV, CSV_WITH_HEADER -> {
        if (format == InputFormat.LIBSVM) {
          throw new DataFormatException(file, c.line(), null, c.text(), "looks like CSV (comma-separated), "
              + read + ": use --format csv");
        }
        if (c.kind() == Kind.CSV_WITH_HEADER && !csvHeader) {
          throw new DataFormatException(file, c.line(), null, c.text(),
              "looks like a header (names, and numbers on the next line): use --header to skip it");
        }
      }
      case OTHER_TEXT -> { } // the parser says what is wrong with the first bad row
    }
  }

  /** The option that reads content of this kind, as a suffix of a message. */
  private static String hint(Content c) {
    InputFormat f = c.format();
    return f == null ? "" : ": use --format " + f.name().toLowerCase(Locale.ROOT);
  }

  private static Content sniff(Configuration conf, InputFiles files, int f) {
    try {
      return ContentSniffer.sniff(conf, files.path(f));
    } catch (IOException e) {
      throw new DataFormatException(files.display(f), 0, null, null, "cannot be read: " + e.getMessage());
    }
  }

  private static boolean parquetMagic(Configuration conf, InputFiles files, int f) {
    try {
      return ContentSniffer.hasParquetMagic(conf, files.path(f), files.length(f));
    } catch (IOException e) {
      throw new DataFormatException(files.display(f), 0, null, null, "cannot be read: " + e.getMessage());
    }
  }
}
