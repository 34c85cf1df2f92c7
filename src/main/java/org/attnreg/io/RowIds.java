package org.attnreg.io;

/**
 * Stable global row ids: {@code (fileIndex << 40) | position}, where the position is the byte
 * offset of the line (text) or the row index within the file (Parquet). Ids therefore depend only
 * on the files, never on how they are split or partitioned, and sort in file-then-line order.
 */
final class RowIds {
  static final int POSITION_BITS = 40;
  static final long MAX_POSITION = (1L << POSITION_BITS) - 1;
  /** Keeps ids non-negative. */
  static final int MAX_FILES = 1 << (63 - POSITION_BITS);

  private RowIds() {}

  static long of(int fileIndex, long position) {
    return ((long) fileIndex << POSITION_BITS) | position;
  }

  static int file(long rowId) {
    return (int) (rowId >>> POSITION_BITS);
  }

  static long position(long rowId) {
    return rowId & MAX_POSITION;
  }
}
