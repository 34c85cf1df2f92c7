package org.attnreg.linalg;

/**
 * Scratch buffers for Gram updates of dense blocks, owned by one task and reused for every block
 * it sees, so that the hot path allocates nothing per block or per row. A {@link GramKernel} uses
 * at most two buffers of one chunk of rows each (a few hundred KiB to 2 MiB per task).
 */
public final class GramScratch {
  private double[] first = new double[0];
  private double[] second = new double[0];

  /** The first buffer, with at least {@code size} entries (contents unspecified). */
  double[] first(int size) {
    if (first.length < size) {
      first = new double[size];
    }
    return first;
  }

  /** The second buffer, distinct from the first, with at least {@code size} entries. */
  double[] second(int size) {
    if (second.length < size) {
      second = new double[size];
    }
    return second;
  }
}
