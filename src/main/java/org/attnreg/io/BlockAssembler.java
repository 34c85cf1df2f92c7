package org.attnreg.io;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;

/**
 * The block stage: parses one partition's records lazily into blocks of a {@link Shape}, so that
 * Spark can cache blocks as they come without holding the records. Bad records are reported to the
 * {@link RowErrors} and left out; the partition goes on, so that one job finds the errors of the
 * whole input.
 */
final class BlockAssembler<T> implements Iterator<RowBlock> {
  private final Iterator<T> records;
  private final RowParser<T> parser;
  private final Shape shape;
  private final RowErrors.Partition errors;
  private final BlockBuilder builder;
  private final RowParser.Buffer row = new RowParser.Buffer();
  private RowBlock next;

  /**
   * How parsed rows are stored: dense row-major or CSR blocks of at most {@code blockRows} rows,
   * with each row's regulariser weight when {@code weighted}.
   *
   * @param cols the width d, or 0 (sparse only) when d is not known yet: each block then gets the
   *     width its own rows span
   */
  record Shape(boolean sparse, int cols, int blockRows, boolean weighted) implements Serializable {

    Shape {
      if (blockRows < 1 || cols < 0 || (!sparse && cols < 1)) {
        throw new IllegalArgumentException("bad block shape: sparse=" + sparse + ", cols=" + cols
            + ", blockRows=" + blockRows);
      }
    }

    BlockBuilder newBuilder() {
      return new BlockBuilder(Math.max(cols, 1), blockRows, sparse, weighted);
    }

    /** The built block, with its width set to {@code span} when d is not known yet. */
    RowBlock finish(RowBlock built, int span) {
      if (cols > 0 || !(built instanceof SparseBlock s)) {
        return built;
      }
      return s.withCols(span);
    }
  }

  BlockAssembler(Iterator<T> records, RowParser<T> parser, Shape shape, RowErrors errors) {
    this.records = records;
    this.parser = parser;
    this.shape = shape;
    this.errors = errors.forPartition();
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
        errors.add(id, e);
      }
    }
    if (!records.hasNext()) {
      errors.handOver();
    }
    return builder.isEmpty() ? null : shape.finish(builder.build(), span);
  }

  private void add(long id) {
    if (row.isSparse()) {
      builder.addSparse(id, row.label(), row.w2(), row.indices(), row.values(), row.count());
    } else {
      builder.addDense(id, row.label(), row.w2(), row.dense());
    }
  }
}
