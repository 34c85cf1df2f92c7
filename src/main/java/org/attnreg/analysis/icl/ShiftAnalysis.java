package org.attnreg.analysis.icl;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.Vectors;
import org.attnreg.solver.SolveResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parts 1 and 2 of the issue-8 analysis on one instance (A, b): the weight shift and the data shift
 * of maths.md §7 with their bounds, on the driver.
 *
 * <p>Base point: the given x, or else the instance's solution from {@code NewtonSolver}. At the
 * solution ∇L ≈ 0, so its weight shift is at rounding level (the ratio is still a valid, if noisy,
 * directional quantity); the weight shift is therefore also reported from the origin, where one GD step
 * moves x by a finite amount. The data shift is taken at the base point.
 */
public final class ShiftAnalysis {
  private static final Logger LOG = LoggerFactory.getLogger(ShiftAnalysis.class);

  private ShiftAnalysis() {}

  /**
   * Runs both shifts.
   *
   * @param givenX the base point, or {@code null} for the solution
   * @param eta the GD step, or {@code null} for {@code 1/‖∇²L(x)‖₂} at each point
   * @param weights Q, K, V of the attention layer (d×d)
   */
  public static Report run(SoftmaxInstance instance, double[] givenX, Double eta, AttentionWeights weights) {
    SelfAttention.checkSize(instance.n());
    if (weights.d() != instance.d()) {
      throw new IllegalArgumentException("Q, K, V are " + weights.d() + "×" + weights.d() + " but A has d = "
          + instance.d() + " columns");
    }
    String status = "not solved (x given)";
    int iterations = 0;
    double[] base = givenX;
    if (base == null) {
      SolveResult solved = instance.solve();
      LOG.info("icl: solved the n={} d={} instance: {} after {} Newton steps, ‖∇L‖ = {}", instance.n(), instance.d(),
          solved.status().label(), solved.iterations(), solved.gradientNorm());
      status = solved.status().label();
      iterations = solved.iterations();
      base = solved.x();
    }
    List<WeightShift.Result> weightShifts = new ArrayList<>();
    weightShifts.add(WeightShift.at(instance, base, eta, givenX == null ? "solution" : "given"));
    if (Vectors.norm(base) > 0.0) {
      weightShifts.add(WeightShift.at(instance, new double[instance.d()], eta, "origin"));
    }
    DataShift.Result data = DataShift.at(instance, base, weights);
    return new Report(instance.n(), instance.d(), status, iterations, base, weightShifts, data);
  }

  /**
   * Both shifts on one instance.
   *
   * @param n rows of A
   * @param d columns of A
   * @param solveStatus how the Newton solve for the base point ended (or that x was given)
   * @param newtonIterations Newton steps taken
   * @param x the base point
   * @param weightShifts one per point (base point first, then the origin)
   * @param dataShift the data shift at the base point
   */
  public record Report(int n, int d, String solveStatus, int newtonIterations, double[] x,
      List<WeightShift.Result> weightShifts, DataShift.Result dataShift) {}
}
