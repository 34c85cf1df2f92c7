package org.attnreg.io;

import java.io.Serializable;

/** Turns one input record (a text line with its offset, a Parquet row) into a row with its id. */
interface RecordParser<T> extends Serializable {

  /** The stable global id of the record's row. */
  long rowId(T record);

  /**
   * Parses the record into {@code out}.
   *
   * @return false when the record holds no row (blank line, comment, header)
   * @throws DataFormatException without a location when the record is malformed
   */
  boolean parse(T record, ParsedRow out);
}
