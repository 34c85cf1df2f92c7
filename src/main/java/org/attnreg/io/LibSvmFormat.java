package org.attnreg.io;

/**
 * The LIBSVM format: one line per row, {@code b i:v i:v ... [# comment]}, indices 1-based and
 * strictly ascending. Blank and comment-only lines hold no row. Explicit zeros ({@code i:0}) are not
 * stored but count towards the width. Fields in messages are the 1-based tokens of the line (field 1
 * is b). {@link #line} writes a row this format reads back exactly.
 */
final class LibSvmFormat extends TextFormat {
  private static final long serialVersionUID = 1L;
  private final int numFeatures;
  private final int maxFeatures;

  /** With the default cap on d, {@value ReadOptions#DEFAULT_MAX_FEATURES}. */
  LibSvmFormat(int numFeatures) {
    this(numFeatures, Math.max(numFeatures, ReadOptions.DEFAULT_MAX_FEATURES));
  }

  /**
   * @param numFeatures the largest index allowed, or 0 to infer d from the largest index seen
   * @param maxFeatures the largest index allowed when d is inferred: d sizes every d×d matrix of the solve,
   *     so an index above the cap is refused on its line, before any buffer of that width exists
   */
  LibSvmFormat(int numFeatures, int maxFeatures) {
    if (numFeatures < 0 || maxFeatures < Math.max(1, numFeatures)) {
      throw new IllegalArgumentException("need 0 <= numFeatures <= maxFeatures, 1 <= maxFeatures: numFeatures="
          + numFeatures + ", maxFeatures=" + maxFeatures);
    }
    this.numFeatures = numFeatures;
    this.maxFeatures = maxFeatures;
  }

  /**
   * {@code b i:v ...} with 1-based indices and only non-zeros, except that column {@code d}
   * (1-based) is always written when {@code markWidth} is set, even as {@code d:0.0}, so that the
   * reader infers the full width. Numbers are written with {@link Double#toString}, the shortest
   * decimal that parses back to the same double.
   *
   * @param d the width, used only with {@code markWidth}
   */
  static String line(LabeledRow row, int d, boolean markWidth) {
    StringBuilder s = new StringBuilder().append(row.b());
    double[] v = row.values();
    int[] idx = row.indices();
    int last = -1;
    for (int k = 0; k < v.length; k++) {
      int j = idx == null ? k : idx[k];
      if (v[k] != 0.0) {
        s.append(' ').append(j + 1).append(':').append(v[k]);
        last = j;
      }
    }
    if (markWidth && last < d - 1) {
      s.append(' ').append(d).append(":0.0");
    }
    return s.toString();
  }

  @Override
  boolean parse(String line, RowParser.Buffer out) {
    int comment = line.indexOf('#');
    int end = comment < 0 ? line.length() : comment;
    int pos = skipBlanks(line, 0, end);
    if (pos == end) {
      return false;
    }
    int tokenEnd = tokenEnd(line, pos, end);
    String label = line.substring(pos, tokenEnd);
    if (label.indexOf(':') >= 0) {
      throw DataFormatException.inField(1, label, "missing label b (the line starts with an index:value pair)");
    }
    out.startSparse();
    out.setLabel(finite(label, 1, "label b"));
    int previous = 0;
    int field = 1;
    for (pos = skipBlanks(line, tokenEnd, end); pos < end; pos = skipBlanks(line, tokenEnd, end)) {
      tokenEnd = tokenEnd(line, pos, end);
      field++;
      previous = pair(line.substring(pos, tokenEnd), field, previous, out);
    }
    return true;
  }

  /** Parses {@code index:value} after {@code previous} into {@code out}; returns the index. */
  private int pair(String token, int field, int previous, RowParser.Buffer out) {
    int colon = token.indexOf(':');
    if (colon <= 0 || colon == token.length() - 1) {
      throw DataFormatException.inField(field, token, "expected index:value");
    }
    int index = index(token, colon, field);
    if (index <= previous) {
      throw DataFormatException.inField(field, token,
          "index " + index + " is not ascending (previous index " + previous + ")");
    }
    if (numFeatures > 0 && index > numFeatures) {
      throw DataFormatException.inField(field, token, "index " + index + " exceeds numFeatures " + numFeatures);
    }
    if (index > maxFeatures) {
      throw DataFormatException.inField(field, token, "index " + index + " is above the cap of " + maxFeatures
          + " features (--max-d; raise it, up to " + ReadOptions.LARGEST_MAX_FEATURES + ", if memory allows)");
    }
    out.addSparse(index - 1, finite(token.substring(colon + 1), token, field, "value"));
    return index;
  }

  private static int index(String token, int colon, int field) {
    String digits = token.substring(0, colon);
    int index;
    try {
      index = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      boolean integer = digits.chars().skip(digits.charAt(0) == '-' ? 1 : 0).allMatch(Character::isDigit);
      throw DataFormatException.inField(field, token, integer ? "index out of range" : "index is not an integer");
    }
    if (index < 1) {
      throw DataFormatException.inField(field, token, "index " + index + " is below 1 (indices are 1-based)");
    }
    return index;
  }

  private static int skipBlanks(String line, int pos, int end) {
    while (pos < end && isBlank(line.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static int tokenEnd(String line, int pos, int end) {
    while (pos < end && !isBlank(line.charAt(pos))) {
      pos++;
    }
    return pos;
  }
}
