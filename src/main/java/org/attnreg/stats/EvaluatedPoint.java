package org.attnreg.stats;

import org.attnreg.problem.Globals;

/**
 * One point evaluated by a value pass.
 *
 * @param step the step t that produced it ({@code x − t s})
 * @param x the point
 * @param loss the full loss, regulariser included (+∞ or NaN when it cannot be represented)
 * @param resolution the smallest loss difference the summed form resolves here
 * @param globals the family's globals at x, for the derivative pass
 */
public record EvaluatedPoint(double step, double[] x, double loss, double resolution, Globals globals) {

  public boolean isFinite() {
    return Double.isFinite(loss);
  }
}
