package org.attnreg.io;

/**
 * Formats rows as text lines that {@link LibSvmParser} and {@link CsvParser} read back exactly:
 * {@link Double#toString} is the shortest decimal that parses back to the same double.
 */
final class RowLines {
  private RowLines() {}

  /**
   * {@code b i:v ...} with 1-based indices and only non-zeros, except that column {@code d}
   * (1-based) is always written when {@code markWidth} is set, even as {@code d:0.0}, so that the
   * reader infers the full width.
   *
   * @param d the width, used only with {@code markWidth}
   */
  static String libsvm(LabeledRow row, int d, boolean markWidth) {
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

  /** {@code b,a1,...,ad}. */
  static String csv(LabeledRow row, int d) {
    StringBuilder s = new StringBuilder().append(row.b());
    for (double v : row.toDense(d)) {
      s.append(',').append(v);
    }
    return s.toString();
  }
}
