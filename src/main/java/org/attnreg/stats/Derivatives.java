package org.attnreg.stats;

import org.attnreg.linalg.Vectors;
import org.attnreg.problem.GlobalsSlope;

/**
 * What a derivative pass delivers at one point: the exact loss, and the gradient and (possibly
 * sketched) Hessian, both scaled by {@code e^{-logScale}} (the Newton step does not depend on it).
 *
 * @param loss the full loss at true scale, regulariser included
 * @param gradient the scaled gradient
 * @param hessian the scaled Hessian, row-major d×d
 * @param logScale log of the factor the true derivatives are larger by
 * @param rowsKept rows whose curvature the Hessian approximation kept
 * @param globalsSlope the family's globals here and their first-order change, which predicts the
 *     globals at the next iterate for a fused pass
 */
public record Derivatives(double loss, double[] gradient, double[] hessian, double logScale, long rowsKept,
    GlobalsSlope globalsSlope) {

  /** ‖∇L‖ at true scale. */
  public double gradientNorm() {
    return Math.exp(logScale) * Math.sqrt(Vectors.dot(gradient, gradient));
  }

  public int dimension() {
    return gradient.length;
  }
}
