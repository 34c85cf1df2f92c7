package org.attnreg.linalg;

import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The weighted Gram update of a dense row-major block, the one compute-bound kernel of a pass:
 * the lower triangle (j ≥ k) of {@code gram += Aᵀ diag(h) A}, with signed weights h. Entries of the
 * strict upper triangle may be written too and are meaningless until {@link Grams#mirrorLower}.
 *
 * <p>Three implementations, picked once per JVM by {@link #get()}: native BLAS {@code dsyrk} when
 * netlib loaded a native library ({@link NativeSyrkGram}), else a register-tiled Vector-API kernel
 * ({@link TiledGram}), else the scalar loop ({@link ScalarKernels#addGramLower}). Each keeps its
 * buffers in the caller's per-task {@link GramScratch}, so nothing is allocated per block or row.
 */
public interface GramKernel {

  /** The lower triangle of gram += Aᵀ diag(h) A for rows 0..n-1 of the row-major n×d array a. */
  void addLower(double[] a, int n, int d, double[] h, double[] gram, GramScratch scratch);

  /** A short name for the job log. */
  String name();

  /** The implementation for this JVM. */
  static GramKernel get() {
    return Holder.INSTANCE;
  }

  /** The pure-JVM implementation (what {@link #get()} uses when no native BLAS is loaded). */
  static GramKernel jvm() {
    return Holder.JVM;
  }

  /** The scalar reference. */
  static GramKernel scalar() {
    return Holder.SCALAR;
  }

  /** Chooses once; immutable afterwards. */
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
    static final GramKernel INSTANCE = Blas.blas() instanceof NativeBLAS
        ? new NativeSyrkGram((NativeBLAS) Blas.blas()) : JVM;

    private Holder() {}
  }
}
