package org.attnreg.solver;

import org.attnreg.linalg.Blas;
import org.netlib.util.intW;

/**
 * The achieved accuracy ε of an approximate Hessian H̃ against the exact H, in the sense of the
 * papers' (ε, δ)-approximate Hessian ({@code (1−ε)H ⪯ H̃ ⪯ (1+ε)H}, maths.md §2):
 * {@code ε = max_i |λ_i(L⁻¹ H̃ L⁻ᵀ) − 1|} with {@code H = L Lᵀ}. Defined only where H is positive
 * definite; NaN otherwise.
 */
public final class SpectralError {
  private SpectralError() {}

  /** ε of {@code approx} against {@code exact}, both row-major symmetric d×d. */
  public static double of(double[] exact, double[] approx, int d) {
    double[] l = exact.clone();
    intW info = new intW(0);
    Blas.lapack().dpotrf("L", d, l, d, info);
    if (info.val != 0) {
      return Double.NaN;
    }
    // M = L⁻¹ H̃ L⁻ᵀ: two triangular solves (the matrices are symmetric, so row/column order is moot).
    double[] m = approx.clone();
    Blas.blas().dtrsm("L", "L", "N", "N", d, d, 1.0, l, d, m, d);
    Blas.blas().dtrsm("R", "L", "T", "N", d, d, 1.0, l, d, m, d);
    double[] eigenvalues = new double[d];
    double[] work = new double[Math.max(1, 3 * d)];
    Blas.lapack().dsyev("N", "L", d, m, d, eigenvalues, work, work.length, info);
    if (info.val != 0) {
      return Double.NaN;
    }
    double worst = 0.0;
    for (double lambda : eigenvalues) {
      worst = Math.max(worst, Math.abs(lambda - 1.0));
    }
    return worst;
  }
}
