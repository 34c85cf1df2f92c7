package org.attnreg.io;

import java.util.List;

/**
 * Bad input data, raised before any solving starts. It locates the first problem exactly (file,
 * 1-based line, field, offending text) and, when the loader collected several, carries the first
 * few of them and the total count, so that one run shows the user the shape of the damage.
 *
 * <p>Message format: {@code file:line: field ('value'): reason}, where the parts that do not apply
 * are left out, e.g. {@code data/x.csv:17: field 3 ('abc'): not a number} or
 * {@code data/in: no such file or directory}. Parsers of single lines raise it without a location;
 * the loader adds the location with {@link #at}.
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_CHARS = 80;

  private final String file;
  private final long line;
  private final String field;
  private final String value;
  private final String reason;
  private final long errorCount;
  private final List<DataFormatException> errors;

  /**
   * @param file the file (or input path) concerned, or null
   * @param line the 1-based line (for Parquet: row within the file), or 0 when not tied to one
   * @param field the offending field, e.g. {@code field 3} (1-based position on the line) or
   *     {@code column 'b'}, or null
   * @param value the offending text, or null
   * @param reason what is wrong with it
   */
  public DataFormatException(String file, long line, String field, String value, String reason) {
    this(file, line, field, value, reason, 1, List.of());
  }

  private DataFormatException(String file, long line, String field, String value, String reason,
      long errorCount, List<DataFormatException> errors) {
    super(describe(file, line, field, value, reason) + summary(errorCount, errors));
    this.file = file;
    this.line = line;
    this.field = field;
    this.value = value;
    this.reason = reason;
    this.errorCount = errorCount;
    this.errors = errors.isEmpty() ? List.of(this) : List.copyOf(errors);
  }

  /** An error in the 1-based field {@code fieldNumber} of a line whose location is not known yet. */
  public static DataFormatException inField(int fieldNumber, String value, String reason) {
    return new DataFormatException(null, 0, "field " + fieldNumber, value, reason);
  }

  /** An error of a whole line whose location is not known yet. */
  public static DataFormatException inLine(String value, String reason) {
    return new DataFormatException(null, 0, null, value, reason);
  }

  /** The same error located in {@code file} at {@code line}. */
  public DataFormatException at(String file, long line) {
    return new DataFormatException(file, line, field, value, reason);
  }

  /**
   * One exception for several errors, sorted by position: the first gives the fields and the
   * message head, the rest are listed below it.
   *
   * @param errorCount how many errors were found in total (at least {@code errors.size()})
   */
  public static DataFormatException ofMany(List<DataFormatException> errors, long errorCount) {
    DataFormatException first = errors.get(0);
    return new DataFormatException(first.file, first.line, first.field, first.value, first.reason,
        Math.max(errorCount, errors.size()), errors);
  }

  private static String describe(String file, long line, String field, String value, String reason) {
    StringBuilder s = new StringBuilder();
    if (file != null) {
      s.append(printable(file)).append(line > 0 ? ":" + line : "").append(": ");
    } else if (line > 0) {
      s.append("line ").append(line).append(": ");
    }
    if (field != null) {
      s.append(printable(field)).append(value != null ? " " : ": ");
    }
    if (value != null) {
      s.append('(').append(quote(value)).append("): ");
    }
    return s.append(printable(reason)).toString();
  }

  private static String quote(String value) {
    String v = value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
    return "'" + printable(v) + "'";
  }

  /**
   * The text with every character a terminal could act on or cannot show (control and format
   * characters, the replacement character of undecodable bytes, lone surrogates) written as an
   * escape, so that a message is one line of plain text whatever the data held.
   */
  static String printable(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\t' -> s.append("\\t");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        default -> {
          int type = Character.getType(c);
          boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
          if (paired) {
            s.append(c).append(text.charAt(++i));
          } else if (Character.isISOControl(c) || c == '\uFFFD' || type == Character.FORMAT
              || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.toString();
  }

  private static String summary(long errorCount, List<DataFormatException> errors) {
    if (errorCount <= 1) {
      return "";
    }
    StringBuilder s = new StringBuilder(" [" + errorCount + " errors in total");
    s.append(errors.size() < errorCount ? "; the first " + errors.size() + ":" : ":");
    for (DataFormatException e : errors) {
      s.append("\n  ").append(describe(e.file, e.line, e.field, e.value, e.reason));
    }
    return s.append(" ]").toString();
  }

  public String file() {
    return file;
  }

  /** 1-based line (row for Parquet), 0 when the error is not tied to one. */
  public long line() {
    return line;
  }

  public String field() {
    return field;
  }

  public String value() {
    return value;
  }

  public String reason() {
    return reason;
  }

  /** Total number of errors found (the loader stops listing them after a few). */
  public long errorCount() {
    return errorCount;
  }

  /** The errors listed (this one first when it stands alone). */
  public List<DataFormatException> errors() {
    return errors;
  }
}
