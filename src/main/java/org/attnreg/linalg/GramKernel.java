package org.attnreg.linalg;

/**
 * The weighted Gram update of a dense row-major block, the one compute-bound kernel of a pass:
 * the lower triangle (j ≥ k) of {@code gram += Aᵀ diag(h) A}, with signed weights h. Entries of the
 * strict upper triangle may be written too and are meaningless until {@link Grams#mirrorLower}.
 *
 * <p>Three implementations ({@link GramKernelKind}): native BLAS {@code dsyrk} ({@link NativeSyrkGram}),
 * a register-tiled Vector-API kernel ({@link TiledGram}) and the scalar loop
 * ({@link ScalarKernels#addGramLower}). Which one a solve uses is chosen once on the driver, by
 * measurement ({@link GramKernelChoice}), and travels with every pass; a task gets it through its
 * {@link GramScratch}, which also keeps the kernel's buffers, so nothing is allocated per block or row.
 * Native BLAS is never trusted blindly: Debian's reference {@code libblas.so.3} is a native library
 * several times slower than the Vector-API kernel.
 */
public interface GramKernel {

  /** The lower triangle of gram += Aᵀ diag(h) A for rows 0..n-1 of the row-major n×d array a. */
  void addLower(double[] a, int n, int d, double[] h, double[] gram, GramScratch scratch);

  /** A short name for the job log. */
  String name();

  /** The pure-JVM implementation: the Vector-API kernel when the module is present, else the scalar one. */
  static GramKernel jvm() {
    return Holder.JVM;
  }

  /** The scalar reference. */
  static GramKernel scalar() {
    return Holder.SCALAR;
  }

  /** The two pure-JVM kernels, stateless and shared. */
  final class Holder {
    static final GramKernel SCALAR = new GramKernel() {
      @Override
      public void addLower(double[] a, int n, int d, double[] h, double[] gram, GramScratch scratch) {
        ScalarKernels.addGramLower(a, n, d, h, gram);
      }

      @Override
      public String name() {
        return "scalar";
      }
    };
    static final GramKernel JVM = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? new TiledGram() : SCALAR;

    private Holder() {}
  }
}
