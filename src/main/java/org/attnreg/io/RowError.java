package org.attnreg.io;

import java.io.Serializable;

/** A parse error found on an executor, keyed by row id; the driver turns the id into file and line. */
record RowError(long rowId, String field, String value, String reason) implements Serializable {

  static RowError of(long rowId, DataFormatException e) {
    return new RowError(rowId, e.field(), e.value(), e.reason());
  }
}
