package org.attnreg.io;

import org.apache.hadoop.conf.Configuration;

/**
 * The number of fields every CSV line must have, taken from the first row of the input (read on
 * the driver before the job) and checked against the label column and {@code numFeatures}.
 */
final class CsvWidth {
  private CsvWidth() {}

  static int of(Configuration conf, InputFiles files, ReadOptions o) {
    TextFiles.FirstLine first = TextFiles.firstLine(conf, files, o.csvHeader());
    if (first == null) {
      throw new DataFormatException(files.input(), 0, null, null, "no rows");
    }
    int width = CsvParser.countFields(first.text());
    String problem = null;
    if (width < 2) {
      problem = "has " + width + " field, need b and at least one feature";
    } else if (o.labelColumn() >= width) {
      problem = "has " + width + " fields, too few for labelColumn " + o.labelColumn() + " (0-based)";
    } else if (o.numFeatures() > 0 && width - 1 != o.numFeatures()) {
      problem = "has " + (width - 1) + " features but numFeatures is " + o.numFeatures();
    }
    if (problem != null) {
      throw new DataFormatException(files.display(first.fileIndex()), first.line(), null, first.text(), problem);
    }
    return width;
  }
}
