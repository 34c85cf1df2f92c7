package org.attnreg.ml;

import java.util.List;
import org.attnreg.job.SolveOptions;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.Status;

/**
 * How the fit of an {@link AttnRegressionModel} went: what {@code summary.json} and {@code trace.csv}
 * hold for a command-line solve. Saved with the model.
 *
 * @param status how the solve ended ({@link Status#CONVERGED} or why not)
 * @param message a one-line explanation of the status
 * @param iterations accepted Newton steps
 * @param loss the loss at the coefficients
 * @param gradientNorm ‖∇L‖ at the coefficients
 * @param warnings what the user should know about this fit (damping used, traps met)
 * @param trace one record per Newton iterate, iterate 0 first
 * @param n rows fitted
 * @param d coefficients
 * @param options the effective solve options
 * @param seconds wall time of the solve
 */
public record AttnRegressionSummary(Status status, String message, int iterations, double loss, double gradientNorm,
    List<String> warnings, List<IterationRecord> trace, long n, int d, SolveOptions options, double seconds) {

  public AttnRegressionSummary {
    warnings = List.copyOf(warnings);
    trace = List.copyOf(trace);
  }

  static AttnRegressionSummary of(SolveResult r, long n, int d, SolveOptions options, double seconds) {
    return new AttnRegressionSummary(r.status(), r.message(), r.iterations(), r.loss(), r.gradientNorm(),
        r.warnings(), r.trace(), n, d, options, seconds);
  }

  public boolean converged() {
    return status == Status.CONVERGED;
  }

  /** The loss per iterate (iterate 0 first), as in the trace. */
  public double[] objectiveHistory() {
    return trace.stream().mapToDouble(IterationRecord::loss).toArray();
  }

  /** The gradient norm per iterate, as in the trace. */
  public double[] gradientNormHistory() {
    return trace.stream().mapToDouble(IterationRecord::gradientNorm).toArray();
  }
}
