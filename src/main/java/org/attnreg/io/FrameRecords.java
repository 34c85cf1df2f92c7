package org.attnreg.io;

import org.apache.spark.sql.Row;

/**
 * Rows selected from a caller's DataFrame as (b as double, features, row id): parsed exactly as
 * Parquet rows are (by {@link ParquetRecords}), with the row id taken from the third column, which
 * {@link DataFrameSource} fills with {@code monotonically_increasing_id()}.
 */
final class FrameRecords implements RecordParser<Row> {
  private static final long serialVersionUID = 1L;
  /** {@code monotonically_increasing_id()} keeps the partition index above this many bits. */
  static final int POSITION_BITS = 33;

  private final ParquetRecords rows;

  FrameRecords(ParquetRecords rows) {
    this.rows = rows;
  }

  @Override
  public long rowId(Row record) {
    return record.getLong(2);
  }

  @Override
  public boolean parse(Row record, ParsedRow out) {
    return rows.parse(record, out);
  }

  /** The DataFrame partition a row id belongs to. */
  static long partition(long rowId) {
    return rowId >>> POSITION_BITS;
  }

  /** The 0-based position of a row within its DataFrame partition. */
  static long position(long rowId) {
    return rowId & ((1L << POSITION_BITS) - 1);
  }
}
