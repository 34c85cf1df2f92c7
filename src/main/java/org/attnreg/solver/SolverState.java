package org.attnreg.solver;

import java.util.List;
import org.attnreg.problem.Globals;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.EvaluatedPoint;

/**
 * Everything the Newton loop needs to continue from iterate k exactly as an uninterrupted run
 * would: the solver is deterministic given x_k (with the value pass that evaluated it), the
 * iteration counter, the first gradient norm, the curvature's state and the unbounded detector's
 * window. Handed to {@link IterationListener#onAccepted} after every accepted step and taken by
 * {@link NewtonSolver#resume}.
 *
 * @param iteration k, the index of the iterate {@code point} holds
 * @param point x_k as the accepted line-search candidate: loss, rounding resolution and globals
 *     exactly as the value pass returned them (a fresh value pass at x_k may differ in the last bits)
 * @param firstGradientNorm ‖∇L(x₀)‖, the reference of the stopping test
 * @param trace the records of iterates 0..k−1
 * @param curvature the curvature to use at iterate k (after {@link Curvature#after} of iterate k−1)
 * @param valuePasses value passes so far
 * @param derivativePasses derivative passes so far
 * @param warnings the solver's warnings so far
 * @param recentPoints the unbounded detector's window of iterates, oldest first
 * @param recentLosses the losses of {@code recentPoints}
 * @param valueSeconds wall time of the line search that produced x_k (reported in record k)
 * @param fusedPrediction when the line search that produced x_k was a fused pass whose derivatives
 *     at x_k the solver uses, the globals it predicted them with (a resume repeats that derivative
 *     pass); null when iterate k starts with an ordinary derivative pass
 */
public record SolverState(int iteration, EvaluatedPoint point, double firstGradientNorm, List<IterationRecord> trace,
    Curvature curvature, int valuePasses, int derivativePasses, List<String> warnings, List<double[]> recentPoints,
    List<Double> recentLosses, double valueSeconds, Globals fusedPrediction) {
  /** The most iterates the unbounded detector's window holds: what a checkpoint reader allows. */
  public static final int WINDOW_CAPACITY = UnboundedDetector.WINDOW + 1;

  public SolverState {
    if (iteration < 1 || trace.size() != iteration) {
      throw new IllegalArgumentException("a solver state at iterate " + iteration + " needs " + iteration
          + " trace records, has " + trace.size());
    }
    if (recentPoints.size() != recentLosses.size()) {
      throw new IllegalArgumentException("unbounded window: " + recentPoints.size() + " points but "
          + recentLosses.size() + " losses");
    }
    trace = List.copyOf(trace);
    warnings = List.copyOf(warnings);
    recentPoints = recentPoints.stream().map(double[]::clone).toList();
    recentLosses = List.copyOf(recentLosses);
  }
}
