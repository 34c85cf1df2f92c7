package org.attnreg.problem;

import java.io.Serializable;

/**
 * A least-squares start {@code x₀ = argmin Σ_i (a_i·x + c − t_i)²} with {@code t_i = f⁻¹(b_i)}, the
 * margins that would reproduce each target exactly. Rows whose target is outside the range of f
 * (t is NaN) are left out of the fit.
 *
 * @param function the link f whose inverse gives the targets
 * @param freeConstant whether the fit has a free constant c, dropped afterwards: normalised
 *     families reproduce b only up to a factor (softmax: {@code z = log b + log α})
 */
public record InverseLinkFit(HyperbolicFunction function, boolean freeConstant) implements Serializable {

  /** The target margin for row target b, or NaN if this row is left out. */
  public double target(double b) {
    return function.inverse(b);
  }
}
