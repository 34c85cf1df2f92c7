package org.attnreg.analysis.icl;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The two bounds on a shift ratio {@code ‖b' − b‖ / ‖shift‖} that maths.md §7 compares, for a measured
 * radius R (an upper bound on ‖A‖₂ and on the norms of the points involved):
 * <ul>
 *   <li>the paper's factor {@code M = n^1.5 · exp(10R²)} (arXiv 2304.13276), which overflows a double
 *       for R ≳ 8.4, so it is also given as {@code log10 M};
 *   <li>the tight, provable {@code R/2}: the softmax Jacobian {@code diag(f) − ffᵀ} is the covariance of
 *       a one-hot vector, whose spectral norm is at most ½ (Popoviciu), so {@code f} is ½-Lipschitz
 *       in the margins z.
 * </ul>
 * Since {@code exp(10R²) ≥ 1 + 10R² > R/2} and n ≥ 1, {@code M > R/2} always.
 *
 * @param r the measured radius R
 * @param tight R/2
 * @param paperLog10M log₁₀ M = 1.5·log₁₀ n + 10R²/ln 10
 * @param paperM M itself (+∞ when it overflows); left out of JSON, which has no infinity: the
 *     reports give log₁₀ M
 */
public record ShiftBounds(double r, double tight, double paperLog10M, @JsonIgnore double paperM) {

  public static ShiftBounds of(int n, double r) {
    double log10M = 1.5 * Math.log10(n) + 10.0 * r * r / Math.log(10.0);
    return new ShiftBounds(r, r / 2.0, log10M, Math.pow(10.0, log10M));
  }

  /** Whether {@code ratio} is within both bounds, allowing {@code relTol} of rounding. */
  public boolean respects(double ratio, double relTol) {
    return !(ratio > tight * (1.0 + relTol)) && !(Math.log10(ratio) > paperLog10M + relTol);
  }
}
