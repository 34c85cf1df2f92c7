package org.attnreg.report;

import java.util.List;
import java.util.Locale;
import org.attnreg.solver.IterationRecord;

/**
 * The picture of one solve: loss and gradient norm per Newton iterate on a logarithmic axis, with
 * the status (why the solve stopped) in the title.
 */
public final class ConvergenceChart {
  private ConvergenceChart() {}

  /**
   * @param title what was solved, e.g. the family
   * @param status the status label, e.g. {@code converged}
   * @param trace the solve's trace (iterate 0 first); must not be empty
   */
  public static ChartSpec of(String title, String status, List<IterationRecord> trace) {
    if (trace.isEmpty()) {
      throw new IllegalArgumentException("a convergence chart needs at least one iterate");
    }
    double[] k = trace.stream().mapToDouble(IterationRecord::iteration).toArray();
    double[] loss = trace.stream().mapToDouble(IterationRecord::loss).toArray();
    double[] gradient = trace.stream().mapToDouble(IterationRecord::gradientNorm).toArray();
    String heading = String.format(Locale.ROOT, "%s: %s after %d iteration%s", title, status, trace.size() - 1,
        trace.size() == 2 ? "" : "s");
    // An exact fit has loss and gradient 0, which a log axis cannot show; fall back to linear then.
    boolean log = anyPositive(loss) || anyPositive(gradient);
    return ChartSpec.of(heading, "Newton iteration", log ? "value (log scale)" : "value").withLogY(log)
        .with(Series.of("loss", k, loss).withMarkers(true))
        .with(Series.of("‖∇L‖", k, gradient).withMarkers(true));
  }

  private static boolean anyPositive(double[] values) {
    for (double v : values) {
      if (v > 0.0 && Double.isFinite(v)) {
        return true;
      }
    }
    return false;
  }
}
