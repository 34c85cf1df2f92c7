package org.attnreg.analysis.sensitivity;

import java.io.Serializable;
import org.attnreg.linalg.RowBlock;

/**
 * A block of rows of A and the same rows of a perturbation direction E (same row ids, same order).
 * The targets b are those of {@code a}; those of {@code e} are ignored.
 */
public record BlockPair(RowBlock a, RowBlock e) implements Serializable {

  public BlockPair {
    if (a.rows() != e.rows()) {
      throw new IllegalArgumentException("perturbation block has " + e.rows() + " rows, data block " + a.rows());
    }
  }

  /** The rows of {@code A + scale·E}, with the targets of A. */
  public RowBlock perturbed(double scale) {
    return BlockSums.add(a, e, scale);
  }
}
