package org.attnreg.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.Serializable;

/**
 * A text format that holds one row per line (LIBSVM, CSV): how a line parses into a row, with the
 * strict rules for numbers and blanks that both formats share. Spark-free, so that it runs the same
 * on executors and in tests.
 */
abstract class TextFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Parses {@code line} into {@code out}.
   *
   * @return false when the line holds no row (blank, or only a comment) and is skipped
   * @throws DataFormatException without a location when the line is malformed
   */
  abstract boolean parse(String line, RowParser.Buffer out);

  /**
   * Parses a finite double, refusing what {@link Double#parseDouble} would let through but is no
   * number in a data file (Java's {@code d}/{@code f} type suffixes, NaN, infinities). The parser
   * reads Java's grammar and rounds correctly, so every value is the one {@code Double.parseDouble}
   * gives, bit for bit; it is several times faster on long decimals (measured on a 54 000 × 21 CSV
   * of 17-digit numbers: 240–400 ms against 37–55 ms per 594 000 fields).
   *
   * @param what what the number is, for the message ("label b", "value", ...)
   */
  static double finite(String token, int field, String what) {
    return finite(token, token, field, what);
  }

  /** Like {@link #finite(String, int, String)}, showing {@code shown} (the whole field) in errors. */
  static double finite(String token, String shown, int field, String what) {
    double v;
    try {
      v = JavaDoubleParser.parseDouble(token);
    } catch (NumberFormatException e) {
      throw DataFormatException.inField(field, shown, what + " is not a number");
    }
    char last = Character.toLowerCase(token.charAt(token.length() - 1));
    if (last == 'd' || last == 'f') {
      throw DataFormatException.inField(field, shown, what + " is not a number");
    }
    if (!Double.isFinite(v)) {
      throw DataFormatException.inField(field, shown, what + " is not finite");
    }
    return v;
  }

  /** True for the characters that separate tokens (blanks and control characters). */
  static boolean isBlank(char c) {
    return c <= ' ';
  }

  /** True when the line holds nothing but blanks. */
  static boolean isBlankLine(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (!isBlank(line.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
