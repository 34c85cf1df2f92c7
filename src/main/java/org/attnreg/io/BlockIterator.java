package org.attnreg.io;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;

/**
 * Parses one partition's records lazily into blocks, so that Spark can cache blocks as they come
 * without holding the records. Bad records are reported to the {@link ErrorSink} and left out;
 * the partition goes on, so that one job finds the errors of the whole input.
 */
final class BlockIterator<T> implements Iterator<RowBlock> {
  private final Iterator<T> records;
  private final RowParser<T> parser;
  private final BlockShape shape;
  private final ErrorSink errors;
  private final BlockBuilder builder;
  private final RowParser.Buffer row = new RowParser.Buffer();
  /** The earliest errors of this partition, latest first. */
  private final PriorityQueue<RowError> earliest =
      new PriorityQueue<>(Comparator.comparingLong(RowError::rowId).reversed());
  private long errorCount;
  private RowBlock next;

  BlockIterator(Iterator<T> records, RowParser<T> parser, BlockShape shape, ErrorSink errors) {
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
        remember(RowError.of(id, e));
      }
    }
    if (!records.hasNext() && errorCount > 0) {
      errors.count(errorCount);
      errors.keep(earliest);
      errorCount = 0;
    }
    return builder.isEmpty() ? null : shape.finish(builder.build(), span);
  }

  /** Records run in any order (a repartition mixes them), so keep the smallest ids, not the first seen. */
  private void remember(RowError error) {
    errorCount++;
    earliest.add(error);
    if (earliest.size() > ErrorSink.KEEP_PER_PARTITION) {
      earliest.poll();
    }
  }

  private void add(long id) {
    if (row.isSparse()) {
      builder.addSparse(id, row.label(), row.w2(), row.indices(), row.values(), row.count());
    } else {
      builder.addDense(id, row.label(), row.w2(), row.dense());
    }
  }
}
