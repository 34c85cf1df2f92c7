package org.attnreg.io;

import org.apache.hadoop.conf.Configuration;

/**
 * What can be known of an input without Spark: that the path exists and holds visible files, and
 * which format they are in, from their names and first bytes ({@link FormatCheck}). Commands run it
 * before their Spark session starts, so that a missing input or a file in the wrong format is
 * reported in a moment instead of after Spark's start-up; {@link DataLoader#load} checks the same again.
 */
public final class InputCheck {
  private InputCheck() {}

  /**
   * @return the format the input will be read in
   * @throws DataFormatException naming the path when it is missing or empty, or a file's content is
   *     not in the format given or inferred (a CSV header without {@code csvHeader}, LIBSVM read as CSV, …)
   * @throws IllegalArgumentException when the format cannot be inferred
   */
  public static InputFormat check(Configuration conf, String path, ReadOptions options) {
    return FormatCheck.resolve(conf, InputFiles.list(conf, path), options.format(), options.csvHeader());
  }
}
