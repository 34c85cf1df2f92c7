package org.attnreg.io;

import java.io.Serializable;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;

/**
 * How parsed rows are stored: dense row-major or CSR blocks of at most {@code blockRows} rows,
 * with each row's regulariser weight when {@code weighted}.
 *
 * @param cols the width d, or 0 (sparse only) when d is not known yet: each block then gets the
 *     width its own rows span
 */
record BlockShape(boolean sparse, int cols, int blockRows, boolean weighted) implements Serializable {

  BlockShape {
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
