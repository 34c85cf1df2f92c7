package org.attnreg.report;

import java.util.List;
import java.util.Locale;
import org.attnreg.solver.IterationRecord;

/**
 * The picture of one solve, two panels side by side, each on its own logarithmic axis: the loss's
 * distance to its final value, {@code L(x_k) − L(x_final)}, and the gradient norm {@code ‖∇L(x_k)‖}.
 *
 * <p>The loss itself is not plotted: near a non-zero minimum it changes in its last digits only
 * (4.13e-8 → 4.02e-8) and a log axis spanning the gradient's twelve decades shows it as a flat line.
 * Its distance to the final value falls as fast as the solve converges. The final iterate has
 * distance 0, which a log axis cannot show, so it is left out.
 */
public final class ConvergenceChart {
  /** Each panel's size; the two together fit a desktop page at their natural size. */
  static final int PANEL_WIDTH = 640;
  static final int PANEL_HEIGHT = 440;

  private ConvergenceChart() {}

  /**
   * @param title what was solved, e.g. the family
   * @param status the status label, e.g. {@code converged}
   * @param trace the solve's trace (iterate 0 first); must not be empty
   * @return the loss panel, then the gradient panel
   */
  public static List<ChartSpec> of(String title, String status, List<IterationRecord> trace) {
    if (trace.isEmpty()) {
      throw new IllegalArgumentException("a convergence chart needs at least one iterate");
    }
    double[] k = trace.stream().mapToDouble(IterationRecord::iteration).toArray();
    double[] gradient = trace.stream().mapToDouble(IterationRecord::gradientNorm).toArray();
    double finalLoss = trace.get(trace.size() - 1).loss();
    double[] gap = lossGap(trace, finalLoss);
    int steps = trace.size() - 1;
    String heading = String.format(Locale.ROOT, "%s: %s after %d iteration%s", title, status, steps,
        steps == 1 ? "" : "s");
    return List.of(panel(heading, String.format(Locale.ROOT, "L(x_k) − L_final   (L_final = %.6g)", finalLoss),
            Series.of("loss − final loss", k, gap)),
        panel("gradient norm", "‖∇L(x_k)‖", Series.of("‖∇L‖", k, gradient)));
  }

  /** {@code L(x_k) − L_final} for every iterate but the last (NaN there: nothing to draw). */
  static double[] lossGap(List<IterationRecord> trace, double finalLoss) {
    double[] gap = new double[trace.size()];
    for (int i = 0; i < gap.length; i++) {
      gap[i] = i == gap.length - 1 ? Double.NaN : trace.get(i).loss() - finalLoss;
    }
    return gap;
  }

  /**
   * A panel on a log axis when it has a positive value, else on a linear one (an exact fit has
   * gradient 0, a one-iterate solve has no loss gap), so that the panel is never empty.
   */
  private static ChartSpec panel(String title, String yLabel, Series s) {
    boolean log = anyPositive(s.y());
    boolean anyFinite = java.util.Arrays.stream(s.y()).anyMatch(Double::isFinite);
    Series drawn = anyFinite ? s : Series.of(s.name() + " (no value to draw)", s.x(), new double[s.size()]);
    return ChartSpec.of(title, "Newton iteration", log ? yLabel + " (log)" : yLabel).withLogY(log)
        .withSize(PANEL_WIDTH, PANEL_HEIGHT).with(drawn.withMarkers(true));
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
