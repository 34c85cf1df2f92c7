package org.attnreg.linalg;

/**
 * The streaming loops over a dense row-major block (the Gram is a {@link GramKernel}). Two implementations exist: one on the JDK Vector API
 * (used when the {@code jdk.incubator.vector} module is present, which Spark's JVM flags ensure) and a
 * plain scalar one; {@link #get()} picks once per JVM.
 */
public interface DenseKernels {

  /** z[i] = a_i·x for rows 0..n-1 of the row-major n×d array a. */
  void margins(double[] a, int n, int d, double[] x, double[] z);

  /** zx[i] = a_i·x and zs[i] = a_i·s in one sweep over the rows (the value pass's two margins). */
  default void margins(double[] a, int n, int d, double[] x, double[] s, double[] zx, double[] zs) {
    margins(a, 0, n, d, x, s, zx, zs);
  }

  /**
   * The two margins of rows {@code from .. from+n-1} only, written to {@code zx[0..n-1]} and
   * {@code zs[0..n-1]}: a window of rows small enough to stay in cache for the sweep that follows.
   */
  void margins(double[] a, int from, int n, int d, double[] x, double[] s, double[] zx, double[] zs);

  /** acc[k] += Σ_i w[k][i] a_i for k < count: every row is read once for all weight columns. */
  default void addTransposeTimes(double[] a, int n, int d, double[][] w, int count, double[][] acc) {
    addTransposeTimes(a, 0, n, d, w, count, acc);
  }

  /** acc[k] += Σ_{i < n} w[k][i] a_{from+i} for k < count: the same over a window of rows. */
  void addTransposeTimes(double[] a, int from, int n, int d, double[][] w, int count, double[][] acc);

  /**
   * {@code out[outOffset + j] += Σ_{i < rows} coef[coefOffset + i] · a[(from + i)·d + j]} for j < d:
   * one row of a sketch takes a signed combination of a few rows in one sweep, so {@code out} is
   * read and written once per combination, not once per row.
   */
  void addCombination(double[] a, int from, int rows, int d, double[] coef, int coefOffset, double[] out,
      int outOffset);

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
