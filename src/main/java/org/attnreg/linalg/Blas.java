package org.attnreg.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;

/**
 * The one place that picks BLAS and LAPACK implementations. netlib chooses whatever native
 * {@code libblas.so.3} / {@code liblapack.so.3} the system has (OpenBLAS, or Debian's much slower
 * reference build) and pure-Java kernels otherwise; both are thread-safe and stateless.
 *
 * <p>The one compute-bound kernel of a pass, the Gram, is therefore not taken from here blindly but
 * chosen per solve by measurement ({@link GramKernelChoice}). The driver's Cholesky
 * ({@code dpotrf}/{@code dpotrs} in the Newton step) is left to netlib without a probe: it costs
 * d³/3 flops once per iteration against the derivative pass's n·d² (n ≫ d), so even the slowest
 * implementation measured (netlib's Java F2j, 17.7 ms at d = 512 and 1.4 s at d = 2048, where the
 * native reference LAPACK is no slower) stays around 1 % of a pass over 10⁵–10⁶ rows; a probe of
 * its own would cost about as much as it could save.
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
   * the streaming kernels (margins, Aᵀw) and the dense Gram kernels this JVM can load (each solve
   * picks one of them and reports it).
   */
  public static String describe() {
    StringBuilder grams = new StringBuilder();
    for (GramKernelKind kind : GramKernelKind.values()) {
      if (GramKernelLoader.SYSTEM.available(kind)) {
        grams.append(grams.length() == 0 ? "" : "|").append(kind.option());
      }
    }
    return "BLAS=" + blas().getClass().getSimpleName() + ", LAPACK=" + lapack().getClass().getSimpleName()
        + ", kernels=" + DenseKernels.get().name() + ", Gram=" + grams + " (one chosen per solve)";
  }
}
