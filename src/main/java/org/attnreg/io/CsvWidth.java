package org.attnreg.io;

import org.apache.hadoop.conf.Configuration;

/**
 * The number of fields every CSV line must have, taken from the first row of the input (read on
 * the driver before the job) and checked against the label and weight columns and {@code numFeatures}.
 */
final class CsvWidth {
  private CsvWidth() {}

  /** Also refuses a first row wider than {@link ReadOptions#maxFeatures}, whose message quotes only its start. */
  static int of(Configuration conf, InputFiles files, ReadOptions o) {
    TextFiles.FirstLine first = TextFiles.firstLine(conf, files, o.csvHeader());
    if (first == null) {
      throw new DataFormatException(files.input(), 0, null, null, "no rows");
    }
    int width = CsvParser.countFields(first.text());
    int d = CsvParser.features(width, o.weightColumn());
    String problem = null;
    if (d < 1) {
      problem = "has " + width + (width == 1 ? " field" : " fields") + ", need b, "
          + (o.weightColumn() >= 0 ? "w_i " : "") + "and at least one feature";
    } else if (o.labelColumn() >= width) {
      problem = "has " + width + " fields, too few for labelColumn " + o.labelColumn() + " (0-based)";
    } else if (o.weightColumn() >= width) {
      problem = "has " + width + " fields, too few for weightColumn " + o.weightColumn() + " (0-based)";
    } else if (d > o.maxFeatures()) {
      problem = "has " + d + " features, above the cap of " + o.maxFeatures() + " (--max-d; raise it, up to "
          + ReadOptions.LARGEST_MAX_FEATURES + ", if memory allows)";
    } else if (o.numFeatures() > 0 && d != o.numFeatures()) {
      problem = "has " + d + " features but numFeatures is " + o.numFeatures();
    }
    if (problem != null) {
      throw new DataFormatException(files.display(first.fileIndex()), first.line(), null, first.text(), problem);
    }
    return width;
  }
}
