package org.attnreg.io;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;

/**
 * Parses one partition's records lazily into blocks, so that Spark can cache blocks as they come
 * without holding the records. Bad records are reported to the {@link ErrorSink} and left out;
 * the partition goes on, so that one job finds the errors of the whole input.
 */
final class BlockIterator<T> implements Iterator<RowBlock> {
  private final Iterator<T> records;
  private final RecordParser<T> parser;
  private final BlockShape shape;
  private final ErrorSink errors;
  private final BlockBuilder builder;
  private final ParsedRow row = new ParsedRow();
  private int errorsSeen;
  private RowBlock next;

  BlockIterator(Iterator<T> records, RecordParser<T> parser, BlockShape shape, ErrorSink errors) {
    this.records = records;
    this.parser = parser;
    this.shape = shape;
    this.errors = errors;
    this.builder = shape.newBuilder();
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = fill();
    }
    return next != null;
  }

  @Override
  public RowBlock next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RowBlock block = next;
    next = null;
    return block;
  }

  private RowBlock fill() {
    int span = 0;
    while (!builder.isFull() && records.hasNext()) {
      T record = records.next();
      long id = parser.rowId(record);
      try {
        if (parser.parse(record, row)) {
          add(id);
          span = Math.max(span, row.span());
        }
      } catch (DataFormatException e) {
        errors.report(RowError.of(id, e), errorsSeen++);
      }
    }
    return builder.isEmpty() ? null : shape.finish(builder.build(), span);
  }

  private void add(long id) {
    if (row.isSparse()) {
      builder.addSparse(id, row.label(), row.indices(), row.values(), row.count());
    } else {
      builder.addDense(id, row.label(), row.dense());
    }
  }
}
