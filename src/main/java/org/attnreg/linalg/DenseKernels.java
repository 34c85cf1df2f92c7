package org.attnreg.linalg;

/**
 * The hot loops over a dense row-major block. Two implementations exist: one on the JDK Vector API
 * (used when the {@code jdk.incubator.vector} module is present, which Spark's JVM flags ensure) and a
 * plain scalar one; {@link #get()} picks once per JVM.
 */
public interface DenseKernels {

  /** z[i] = a_i·x for rows 0..n-1 of the row-major n×d array a. */
  void margins(double[] a, int n, int d, double[] x, double[] z);

  /** acc[k] += Σ_i w[k][i] a_i for k < count: every row is read once for all weight columns. */
  void addTransposeTimes(double[] a, int n, int d, double[][] w, int count, double[][] acc);

  /**
   * The lower triangle (j ≥ k) of gram += Aᵀ diag(h) A. Entries of the strict upper triangle may be
   * written too and are meaningless; {@link Grams#mirrorLower} makes the matrix whole once, at the end.
   */
  void addGramLower(double[] a, int n, int d, double[] h, double[] gram);

  /** A short name for the job log. */
  String name();

  /** The implementation for this JVM. */
  static DenseKernels get() {
    return Holder.INSTANCE;
  }

  /** Chooses once; immutable afterwards. */
  final class Holder {
    static final DenseKernels INSTANCE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? new VectorKernels() : new ScalarKernels();

    private Holder() {}
  }
}
