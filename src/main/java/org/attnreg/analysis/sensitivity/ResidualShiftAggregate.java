package org.attnreg.analysis.sensitivity;

import java.io.Serializable;
import org.attnreg.problem.Globals;
import org.attnreg.problem.ResidualBound;
import org.attnreg.problem.Residuals;

/**
 * The residual-shift monoid for one perturbation size t: at a fixed x, with {@code z = Ax},
 * {@code δ = Ex} and {@code z' = z + tδ}, it sums {@code ‖c(A+tE, x) − c(A, x)‖²} row by row (each
 * residual from its own point's globals, so no cancellation between large sums) and keeps the
 * largest row slope of the {@link ResidualBound}. Everything is in the scale {@code e^{-shift}} of
 * {@link Residuals#residual}; merging is addition and max.
 */
public final class ResidualShiftAggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Residuals family;
  private final ResidualBound bound;
  private final Globals globals;
  private final Globals perturbedGlobals;
  private final double t;
  private final double shift;
  private double squares;
  private double maxSlope;
  private transient double[] z;
  private transient double[] delta;

  /**
   * @param globals the value-pass globals at (A, x)
   * @param perturbedGlobals the value-pass globals at (A + tE, x)
   * @param t the multiple of the (raw) direction E
   */
  public ResidualShiftAggregate(Residuals family, Globals globals, Globals perturbedGlobals, double t) {
    this.family = family;
    this.bound = family.residualBound();
    this.globals = globals;
    this.perturbedGlobals = perturbedGlobals;
    this.t = t;
    this.shift = family.residualShift(globals);
  }

  public ResidualShiftAggregate add(BlockPair pair, double[] x) {
    int n = pair.a().rows();
    if (z == null || z.length < n) {
      z = new double[n];
      delta = new double[n];
    }
    pair.a().margins(x, z);
    pair.e().margins(x, delta);
    double[] b = pair.a().b();
    for (int i = 0; i < n; i++) {
      double zp = z[i] + t * delta[i];
      double dc = family.residual(zp, b[i], perturbedGlobals, shift) - family.residual(z[i], b[i], globals, shift);
      squares += dc * dc;
      maxSlope = Math.max(maxSlope, bound.rowSlope(z[i], zp, shift));
    }
    return this;
  }

  public ResidualShiftAggregate merge(ResidualShiftAggregate other) {
    squares += other.squares;
    maxSlope = Math.max(maxSlope, other.maxSlope);
    return this;
  }

  /** {@code e^{-shift}‖Δc‖}. */
  public double scaledShift() {
    return Math.sqrt(squares);
  }

  /** The largest row slope, times {@code e^{-shift}}. */
  public double scaledMaxSlope() {
    return maxSlope;
  }

  public double shift() {
    return shift;
  }

  /** A fresh empty aggregate with the same settings (for per-partition folding). */
  public ResidualShiftAggregate emptyCopy() {
    return new ResidualShiftAggregate(family, globals, perturbedGlobals, t);
  }
}
