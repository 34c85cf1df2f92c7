package org.attnreg.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;

/**
 * The one place that picks BLAS and LAPACK implementations. netlib chooses native OpenBLAS when
 * it is installed and fast pure-Java kernels otherwise; both are thread-safe and stateless.
 */
public final class Blas {
  private Blas() {}

  public static BLAS blas() {
    return BLAS.getInstance();
  }

  public static LAPACK lapack() {
    return LAPACK.getInstance();
  }

  /**
   * A one-line description of the implementations in use, for the job log: netlib's BLAS and LAPACK,
   * the streaming kernels (margins, Aᵀw) and the dense Gram kernel.
   */
  public static String describe() {
    return "BLAS=" + blas().getClass().getSimpleName() + ", LAPACK=" + lapack().getClass().getSimpleName()
        + ", kernels=" + DenseKernels.get().name() + ", Gram=" + GramKernel.get().name();
  }
}
