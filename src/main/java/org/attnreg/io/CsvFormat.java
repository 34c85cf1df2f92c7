package org.attnreg.io;

import org.apache.hadoop.conf.Configuration;

/**
 * The CSV format: one line of numbers per row, exactly {@code width} comma-separated fields, b_i in
 * the 0-based column {@code labelColumn}, the regulariser weight w_i (≥ 0) in {@code weightColumn}
 * when there is one, and the features in the other columns, in order. Blanks around a field are
 * ignored; blank lines hold no row; quoting is not supported (every field must be a number).
 * Fields in messages are 1-based positions on the line. The width comes from the first row, read on
 * the driver before the job ({@link #width}); {@link #line} writes a row this format reads back exactly.
 */
final class CsvFormat extends TextFormat {
  private static final long serialVersionUID = 1L;
  private final int labelColumn;
  private final int weightColumn;
  private final int width;

  /**
   * @param labelColumn 0-based column of b_i
   * @param weightColumn 0-based column of w_i, or -1 for none
   * @param width the number of fields every line must have (b, w_i when present, and d ≥ 1 features)
   */
  CsvFormat(int labelColumn, int weightColumn, int width) {
    if (labelColumn < 0 || labelColumn >= width || weightColumn < -1 || weightColumn >= width
        || weightColumn == labelColumn || features(width, weightColumn) < 1) {
      throw new IllegalArgumentException("need distinct label and weight columns below width and a feature: width="
          + width + ", labelColumn=" + labelColumn + ", weightColumn=" + weightColumn);
    }
    this.labelColumn = labelColumn;
    this.weightColumn = weightColumn;
    this.width = width;
  }

  /** The number of features d on a line of {@code width} fields. */
  static int features(int width, int weightColumn) {
    return width - 1 - (weightColumn >= 0 ? 1 : 0);
  }

  /** Number of comma-separated fields on the line. */
  static int countFields(String line) {
    int fields = 1;
    for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
      fields++;
    }
    return fields;
  }

  /**
   * The number of fields every line must have: that of the first row of the input, checked against
   * the label and weight columns and {@code numFeatures}. Also refuses a first row wider than
   * {@link ReadOptions#maxFeatures}, whose message quotes only its start.
   */
  static int width(Configuration conf, InputFiles files, ReadOptions o) {
    TextSource.FirstLine first = TextSource.firstLine(conf, files, o.csvHeader());
    if (first == null) {
      throw new DataFormatException(files.input(), 0, null, null, "no rows");
    }
    int width = countFields(first.text());
    String problem = widthProblem(width, o);
    if (problem != null) {
      throw new DataFormatException(files.display(first.fileIndex()), first.line(), null, first.text(), problem);
    }
    return width;
  }

  /** What is wrong with a first row of {@code width} fields under the options, or null. */
  private static String widthProblem(int width, ReadOptions o) {
    int d = features(width, o.weightColumn());
    if (d < 1) {
      return "has " + width + (width == 1 ? " field" : " fields") + ", need b, "
          + (o.weightColumn() >= 0 ? "w_i " : "") + "and at least one feature";
    } else if (o.labelColumn() >= width) {
      return "has " + width + " fields, too few for labelColumn " + o.labelColumn() + " (0-based)";
    } else if (o.weightColumn() >= width) {
      return "has " + width + " fields, too few for weightColumn " + o.weightColumn() + " (0-based)";
    } else if (d > o.maxFeatures()) {
      return "has " + d + " features, above the cap of " + o.maxFeatures() + " (--max-d; raise it, up to "
          + ReadOptions.LARGEST_MAX_FEATURES + ", if memory allows)";
    } else if (o.numFeatures() > 0 && d != o.numFeatures()) {
      return "has " + d + " features but numFeatures is " + o.numFeatures();
    }
    return null;
  }

  /**
   * {@code b,a1,...,ad}, numbers written with {@link Double#toString}, the shortest decimal that
   * parses back to the same double.
   */
  static String line(LabeledRow row, int d) {
    StringBuilder s = new StringBuilder().append(row.b());
    for (double v : row.toDense(d)) {
      s.append(',').append(v);
    }
    return s.toString();
  }

  @Override
  boolean parse(String line, RowParser.Buffer out) {
    if (isBlankLine(line)) {
      return false;
    }
    int fields = countFields(line);
    if (fields != width) {
      throw DataFormatException.inLine(line, "has " + fields + " fields, expected " + width
          + " (as in the first row)");
    }
    double[] a = out.startDense(features(width, weightColumn));
    int start = 0;
    for (int k = 0, j = 0; k < width; k++) {
      int comma = line.indexOf(',', start);
      int end = comma < 0 ? line.length() : comma;
      String token = trimmed(line, start, end);
      if (k == labelColumn) {
        out.setLabel(number(token, k, "label b"));
      } else if (k == weightColumn) {
        out.setWeight(weight(token, k));
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
    return finite(token, column + 1, what);
  }

  /** A finite weight ≥ 0: the regulariser squares it, so a sign can only be a data error. */
  private static double weight(String token, int column) {
    double w = number(token, column, "weight w_i");
    if (w < 0.0) {
      throw DataFormatException.inField(column + 1, token, "weight w_i must be ≥ 0");
    }
    return w;
  }

  private static String trimmed(String line, int start, int end) {
    while (start < end && isBlank(line.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(start, end);
  }
}
