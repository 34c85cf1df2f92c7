package org.attnreg.analysis.sensitivity;

import org.attnreg.linalg.Vectors;
import org.attnreg.problem.ResidualBound;
import org.attnreg.problem.Residuals;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.SensitivityPass;

/**
 * Measures {@code ‖c(A+tE, x) − c(A, x)‖} (two passes: the value pass at {@code (A+tE, x)} for its
 * globals, then the residual pass) and checks it against the family's {@link ResidualBound}. The
 * comparisons are made in the residual's scale {@code e^{-shift}}, where nothing overflows.
 */
public final class ResidualCheck {
  /** Relative slack of the bound checks: rounding of the summed squares, far below any real excess. */
  static final double SLACK = 1e-9;

  private ResidualCheck() {}

  /**
   * The residual shift, ratio and bounds at x for {@code ‖E‖_F = t}.
   *
   * @param atA A's value pass at x
   * @param pass the sensitivity pass at x (for the norms of E, A, b)
   */
  public static ResidualMeasure measure(PerturbedData data, Residuals family, EvaluatedPoint atA,
      SensitivityPass pass, double t) {
    ResidualBound bound = family.residualBound();
    double scale = t / pass.rawNorm();
    EvaluatedPoint atMoved = data.perturbed(scale).values(LineBatch.at(atA.x()), 0)[0];
    ResidualShiftAggregate shift = data.residualShift(atA.x(),
        new ResidualShiftAggregate(family, atA.globals(), atMoved.globals(), scale));
    return compare(bound, pass, shift, t, atA.x());
  }

  private static ResidualMeasure compare(ResidualBound bound, SensitivityPass pass, ResidualShiftAggregate shift,
      double t, double[] x) {
    double xNorm = Vectors.norm(x);
    double exNorm = t * pass.exNorm();
    double lz = bound.lipschitzInZ(shift.scaledMaxSlope(), pass.rows(), pass.bNorm());
    double radius = Math.max(xNorm, pass.maxRowNormA() + t * pass.maxRowNormE());
    double aPriori = bound.aPriori(radius, pass.rows(), pass.bNorm(), shift.shift());
    double dc = shift.scaledShift();
    boolean holds = dc <= (1 + SLACK) * lz * exNorm
        && dc / t <= (1 + SLACK) * lz * xNorm
        && dc / t <= (1 + SLACK) * aPriori;
    double e = Math.exp(shift.shift());
    return new ResidualMeasure(e * dc, e * dc / t, e * lz, exNorm, e * lz * xNorm, e * aPriori, radius, holds);
  }

  /**
   * @param shift ‖c(A+E, x) − c(A, x)‖
   * @param ratio shift/‖E‖_F
   * @param lipschitzInZ L_z on the segment, so that shift ≤ L_z‖Ex‖
   * @param exNorm ‖Ex‖
   * @param bound L_z·‖x‖, the data-dependent bound on the ratio
   * @param aPriori the a-priori bound on the ratio from the radius R
   * @param radius R = max(‖x‖, max_i ‖a_i‖ + max_i ‖e_i‖)
   * @param holds whether all three inequalities hold
   */
  public record ResidualMeasure(double shift, double ratio, double lipschitzInZ, double exNorm, double bound,
      double aPriori, double radius, boolean holds) {}
}
