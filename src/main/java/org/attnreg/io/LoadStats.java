package org.attnreg.io;

import java.io.Serializable;
import org.attnreg.linalg.RowBlock;

/** What the validation job counts over the cached blocks: rows, non-zeros, widest block. */
final class LoadStats implements Serializable {
  private static final long serialVersionUID = 1L;
  long rows;
  long nnz;
  int maxCols;

  LoadStats add(RowBlock block) {
    rows += block.rows();
    nnz += block.nnz();
    maxCols = Math.max(maxCols, block.cols());
    return this;
  }

  LoadStats merge(LoadStats other) {
    rows += other.rows;
    nnz += other.nnz;
    maxCols = Math.max(maxCols, other.maxCols);
    return this;
  }
}
