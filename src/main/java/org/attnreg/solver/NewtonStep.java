package org.attnreg.solver;

import org.attnreg.linalg.Blas;
import org.attnreg.linalg.Vectors;
import org.netlib.util.intW;

/**
 * Solves {@code H s = g} on the driver by Cholesky (LAPACK {@code dpotrf/dpotrs}). When H is not
 * numerically positive definite it applies Levenberg–Marquardt damping {@code H + μI}, raising μ
 * tenfold from a small multiple of H's scale until the factorisation succeeds, and says why.
 */
public final class NewtonStep {
  /** Pivots this small relative to the largest mark H as numerically singular. */
  private static final double MIN_RELATIVE_PIVOT_SQUARED = 1e-14;
  private static final double FIRST_DAMPING = 1e-10;
  private static final int MAX_DAMPING_TRIES = 30;

  private NewtonStep() {}

  /** A solved step: s, the damping μ used (0 if none) and why damping was needed. */
  public record Result(double[] step, double damping, String dampingReason) {
    public boolean solved() {
      return step != null;
    }
  }

  public static Result solve(double[] hessian, double[] gradient) {
    if (!Vectors.allFinite(gradient)) {
      return new Result(null, 0.0, "non-finite Hessian or gradient");
    }
    Factor f = factor(hessian, gradient.length);
    return f.factored() ? new Result(f.solve(gradient), f.damping(), f.dampingReason())
        : new Result(null, f.damping(), f.dampingReason());
  }

  /**
   * The Cholesky factor of {@code H + μI}, μ the smallest damping of the ladder that factorises (0
   * when H itself does): a step solve, or a preconditioner applied many times.
   *
   * @param damping μ (0 if none)
   * @param dampingReason why damping was needed (null if not), or why no factor exists
   */
  public record Factor(double[] factor, int d, double damping, String dampingReason) {
    public boolean factored() {
      return factor != null;
    }

    /** (H + μI)⁻¹ r. */
    public double[] solve(double[] r) {
      return backSolve(factor, r, d);
    }
  }

  /** The factor of the d×d {@code hessian}, damped as the class comment says; unfactored when none works. */
  public static Factor factor(double[] hessian, int d) {
    if (!Vectors.allFinite(hessian)) {
      return new Factor(null, d, 0.0, "non-finite Hessian or gradient");
    }
    double scale = maxAbsDiagonal(hessian, d);
    if (scale == 0.0) {
      scale = 1.0;
    }
    String reason = null;
    double mu = 0.0;
    for (int attempt = 0; attempt <= MAX_DAMPING_TRIES; attempt++) {
      double[] factor = damped(hessian, d, mu);
      String failure = factorize(factor, d);
      if (failure == null) {
        if (mu > 0.0) {
          // The working μ is within ×10 of the smallest; one more try at μ/√10 halves the overshoot.
          double smaller = mu / Math.sqrt(10.0);
          double[] retry = damped(hessian, d, smaller);
          if (factorize(retry, d) == null) {
            return new Factor(retry, d, smaller, reason);
          }
        }
        return new Factor(factor, d, mu, reason);
      }
      if (reason == null) {
        reason = failure;
      }
      mu = mu == 0.0 ? FIRST_DAMPING * scale : mu * 10.0;
    }
    return new Factor(null, d, mu, reason + "; damping up to " + mu + " did not help");
  }

  private static double[] damped(double[] hessian, int d, double mu) {
    double[] h = hessian.clone();
    for (int j = 0; j < d; j++) {
      h[j * d + j] += mu;
    }
    return h;
  }

  /** Cholesky in place (lower triangle, column-major view); returns why it failed or null. */
  private static String factorize(double[] a, int d) {
    intW info = new intW(0);
    Blas.lapack().dpotrf("L", d, a, d, info);
    if (info.val > 0) {
      return "Hessian not positive definite (pivot " + info.val + ")";
    }
    if (info.val < 0) {
      throw new IllegalStateException("dpotrf argument " + (-info.val) + " invalid");
    }
    double maxPivot = 0.0;
    double minPivot = Double.POSITIVE_INFINITY;
    for (int j = 0; j < d; j++) {
      double p = Math.abs(a[j * d + j]);
      maxPivot = Math.max(maxPivot, p);
      minPivot = Math.min(minPivot, p);
    }
    if (minPivot * minPivot < MIN_RELATIVE_PIVOT_SQUARED * maxPivot * maxPivot) {
      return "Hessian numerically singular (pivot ratio " + (minPivot / maxPivot) + ")";
    }
    return null;
  }

  private static double[] backSolve(double[] factor, double[] gradient, int d) {
    double[] s = gradient.clone();
    intW info = new intW(0);
    Blas.lapack().dpotrs("L", d, 1, factor, d, s, d, info);
    if (info.val != 0) {
      throw new IllegalStateException("dpotrs failed with info " + info.val);
    }
    return s;
  }

  private static double maxAbsDiagonal(double[] h, int d) {
    double m = 0.0;
    for (int j = 0; j < d; j++) {
      m = Math.max(m, Math.abs(h[j * d + j]));
    }
    return m;
  }
}
