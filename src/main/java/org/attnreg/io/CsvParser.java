package org.attnreg.io;

/**
 * One CSV line of numbers: exactly {@code width} comma-separated fields, b_i in the 0-based column
 * {@code labelColumn} and the features in the other columns, in order. Blanks around a field are
 * ignored; blank lines hold no row; quoting is not supported (every field must be a number).
 * Fields in messages are 1-based positions on the line.
 */
final class CsvParser implements LineParser {
  private static final long serialVersionUID = 1L;
  private final int labelColumn;
  private final int width;

  /**
   * @param labelColumn 0-based column of b_i
   * @param width the number of fields every line must have (b plus d features)
   */
  CsvParser(int labelColumn, int width) {
    if (width < 2 || labelColumn < 0 || labelColumn >= width) {
      throw new IllegalArgumentException("need width >= 2 and 0 <= labelColumn < width: width=" + width
          + ", labelColumn=" + labelColumn);
    }
    this.labelColumn = labelColumn;
    this.width = width;
  }

  /** Number of comma-separated fields on the line. */
  static int countFields(String line) {
    int fields = 1;
    for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
      fields++;
    }
    return fields;
  }

  @Override
  public boolean parse(String line, ParsedRow out) {
    if (Numbers.isBlankLine(line)) {
      return false;
    }
    int fields = countFields(line);
    if (fields != width) {
      throw DataFormatException.inLine(line, "has " + fields + " fields, expected " + width
          + " (as in the first row)");
    }
    double[] a = out.startDense(width - 1);
    int start = 0;
    for (int k = 0, j = 0; k < width; k++) {
      int comma = line.indexOf(',', start);
      int end = comma < 0 ? line.length() : comma;
      String token = trimmed(line, start, end);
      if (k == labelColumn) {
        out.setLabel(number(token, k, "label b"));
      } else {
        a[j++] = number(token, k, "value");
      }
      start = end + 1;
    }
    return true;
  }

  private static double number(String token, int column, String what) {
    if (token.isEmpty()) {
      throw DataFormatException.inField(column + 1, token,
          what.startsWith("label") ? "missing label b (empty field)" : "empty field");
    }
    return Numbers.finite(token, column + 1, what);
  }

  private static String trimmed(String line, int start, int end) {
    while (start < end && Numbers.isBlank(line.charAt(start))) {
      start++;
    }
    while (end > start && Numbers.isBlank(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(start, end);
  }
}
