package org.attnreg.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnreg.output.ChartSpec;
import org.attnreg.output.Series;

/** Line charts collected during a run (chart title → series), rendered at the end. */
final class Curves {
  private final Map<String, ChartSpec> charts = new LinkedHashMap<>();

  /** Relative gradient norm against passes over the data, one series per solver. */
  void add(String chart, String solver, SolveTrace trace) {
    List<SolveTrace.Point> points = trace.points();
    double first = points.get(0).gradientNorm();
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int k = 0; k < x.length; k++) {
      x[k] = points.get(k).passes();
      y[k] = points.get(k).gradientNorm() / first;
    }
    series(chart, "passes over the data", "‖∇L‖ / ‖∇L(x₀)‖", true, false, Series.of(solver, x, y).withMarkers(true));
  }

  /** Adds a series to a chart, creating the chart on first use. */
  void series(String chart, String xLabel, String yLabel, boolean logY, boolean logX, Series s) {
    ChartSpec spec = charts.getOrDefault(chart, ChartSpec.of(chart, xLabel, yLabel).withLogY(logY).withLogX(logX));
    charts.put(chart, spec.with(s));
  }

  List<ChartSpec> all() {
    return new ArrayList<>(charts.values());
  }
}
