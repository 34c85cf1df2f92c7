package org.attnreg.problem;

import java.io.Serializable;

/**
 * A provable Lipschitz bound for the residual c (the vector with data loss ½‖c‖²) as a function of
 * the data matrix: {@code ‖c(A+E, x) − c(A, x)‖ ≤ L_z·‖Ex‖ ≤ L_z·‖x‖·‖E‖_F}, where {@code L_z}
 * bounds the norm of the Jacobian {@code ∂c/∂z} on the segment from {@code z = Ax} to
 * {@code z' = (A+E)x} (mean-value inequality, {@code ‖Ex‖ ≤ ‖E‖₂‖x‖ ≤ ‖E‖_F‖x‖}).
 *
 * <ul>
 *   <li><b>softmax, softmax-relu</b>: {@code ∂f/∂z = diag(f) − ffᵀ} is the covariance of a one-hot
 *       vector, whose norm is at most ½ (Popoviciu), and ReLU is 1-Lipschitz, so
 *       {@code L_z = ½} everywhere.
 *   <li><b>exp, cosh, sinh</b> ({@code c = f(z) − b}): the Jacobian is {@code diag(f'(ζ))}, so
 *       {@code L_z = max_i sup_{ζ∈[z_i, z'_i]} |f'(ζ)|}; |f'| is monotone in z (exp) or in |z|
 *       (sinh' = cosh, cosh' = sinh), so the supremum is at an end point.
 *   <li><b>rescaled exp, cosh, sinh</b> ({@code c = Pu}, {@code P = I − b1ᵀ}, maths.md §10.2):
 *       {@code ‖P‖₂ ≤ 1 + √n‖b‖₂} times the entrywise bound of u = f(z).
 * </ul>
 *
 * <p>Besides this data-dependent bound, {@link #aPriori} gives the form of maths.md §10.2 that only
 * assumes {@code ‖a_i‖, ‖a_i + e_i‖, ‖x‖ ≤ R}: then {@code |ζ_i| ≤ R²} on the whole segment and
 * {@code ‖c(A+E,x) − c(A,x)‖/‖E‖_F ≤ K·R·F'(R²)} with {@code F'(s) = sup_{|ζ|≤s}|f'(ζ)|} and
 * {@code K = 1} (exp, cosh, sinh) or {@code 1 + √n‖b‖₂} (rescaled; for rescaled exp this is the
 * bound {@code (1 + √n‖b‖₂)·R·e^{R²}} of maths.md §10.2), and {@code R/2} for softmax.
 *
 * <p>All values are in the scale {@code e^{-shift}} of {@link Residuals#residual}. A family supplies
 * its bound through {@link Residuals#residualBound}.
 */
public interface ResidualBound extends Serializable {

  /** How the bound is derived, for reports. */
  String formula();

  /** Row i's contribution to {@code L_z} on the segment [z0, z1], times {@code e^{-shift}} (0 if unused). */
  double rowSlope(double z0, double z1, double shift);

  /** {@code L_z} from the largest row slope, n and ‖b‖₂. */
  double lipschitzInZ(double maxRowSlope, long n, double bNorm);

  /** The a-priori bound on {@code ‖Δc‖/‖E‖_F} for radius R, times {@code e^{-shift}}. */
  double aPriori(double radius, long n, double bNorm, double shift);

  /** softmax and softmax-relu: {@code L_z = ½}. */
  record Softmax() implements ResidualBound {
    @Override
    public String formula() {
      return "‖Δc‖ ≤ ½‖Ex‖ ≤ ½‖x‖‖E‖_F: ‖diag(f) − ffᵀ‖₂ ≤ ½ (Popoviciu), ReLU 1-Lipschitz";
    }

    @Override
    public double rowSlope(double z0, double z1, double shift) {
      return 0.0;
    }

    @Override
    public double lipschitzInZ(double maxRowSlope, long n, double bNorm) {
      return 0.5;
    }

    @Override
    public double aPriori(double radius, long n, double bNorm, double shift) {
      return 0.5 * radius * Math.exp(-shift);
    }
  }

  /** exp/cosh/sinh, rescaled ({@code projected}) or not. */
  record Entrywise(HyperbolicFunction f, boolean projected) implements ResidualBound {
    @Override
    public String formula() {
      String slope = "max_i sup_[z_i, z'_i] |" + f.id() + "'|";
      return projected
          ? "‖Δc‖ ≤ (1 + √n‖b‖₂)·" + slope + "·‖Ex‖ (c = (I − b1ᵀ)u, u = " + f.id() + "(z)); a priori (1 + √n‖b‖₂)·R·F'(R²)"
          : "‖Δc‖ ≤ " + slope + "·‖Ex‖ (c = " + f.id() + "(z) − b); a priori R·F'(R²)";
    }

    /** |f'| is largest where {@code shiftOf} is: at max z (exp) or max |z| (cosh, sinh). */
    @Override
    public double rowSlope(double z0, double z1, double shift) {
      return Math.abs(f.scaledDerivative(Math.max(f.shiftOf(z0), f.shiftOf(z1)), shift));
    }

    @Override
    public double lipschitzInZ(double maxRowSlope, long n, double bNorm) {
      return projectorNorm(n, bNorm) * maxRowSlope;
    }

    @Override
    public double aPriori(double radius, long n, double bNorm, double shift) {
      return projectorNorm(n, bNorm) * radius * Math.abs(f.scaledDerivative(radius * radius, shift));
    }

    private double projectorNorm(long n, double bNorm) {
      return projected ? 1.0 + Math.sqrt((double) n) * bNorm : 1.0;
    }
  }
}
