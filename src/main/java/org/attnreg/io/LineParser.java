package org.attnreg.io;

import java.io.Serializable;

/** Parses one text line into a row; Spark-free, so that it runs the same on executors and in tests. */
interface LineParser extends Serializable {

  /**
   * Parses {@code line} into {@code out}.
   *
   * @return false when the line holds no row (blank, or only a comment) and is skipped
   * @throws DataFormatException without a location when the line is malformed
   */
  boolean parse(String line, ParsedRow out);
}
