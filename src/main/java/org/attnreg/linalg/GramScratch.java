package org.attnreg.linalg;

/**
 * The Gram kernel of one task and its scratch buffers, reused for every block the task sees, so that
 * the hot path allocates nothing per block or per row. A {@link GramKernel} uses at most two buffers
 * of one chunk of rows each (a few hundred KiB to 2 MiB per task).
 */
public final class GramScratch {
  private final GramKernel kernel;
  private double[] first = new double[0];
  private double[] second = new double[0];

  /** Scratch for the solve's chosen kernel. */
  public GramScratch(GramKernel kernel) {
    this.kernel = java.util.Objects.requireNonNull(kernel, "kernel");
  }

  /** Scratch for the built-in JVM kernel ({@link GramKernel#jvm()}), for Grams outside a solve's passes. */
  public GramScratch() {
    this(GramKernel.jvm());
  }

  /** The kernel every dense block of this task adds its Gram with. */
  public GramKernel kernel() {
    return kernel;
  }

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
