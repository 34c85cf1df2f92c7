package org.attnreg.testkit;

/** Named tolerances shared by the tests. */
public final class Tolerances {
  /** Central differences with step ~1e-5 agree with exact derivatives to about this, relative. */
  public static final double FINITE_DIFFERENCE = 1e-6;
  /** Two evaluations of the same sums in a different order. */
  public static final double REORDERED_SUM = 1e-12;
  /** A planted optimum is recovered to this, relative to ‖x*‖. */
  public static final double PLANTED_RECOVERY = 1e-8;
  /** A least-squares fit of exactly consistent targets reproduces them to this, relative. */
  public static final double EXACT_FIT = 1e-10;
  /**
   * Scaled sums at margins shifted by t agree with the unshifted ones to this, relative: each
   * {@code e^{z−m}} carries the rounding of z ± t, about {@code |t|·1e-16}, so 1e-12 allows |t| ≲ 10⁴.
   */
  public static final double SHIFTED_MARGINS = 1e-12;
  /** The loss along a solve may rise by at most this, relative, from one iterate to the next (rounding). */
  public static final double MONOTONE_LOSS = 1e-12;

  private Tolerances() {}
}
