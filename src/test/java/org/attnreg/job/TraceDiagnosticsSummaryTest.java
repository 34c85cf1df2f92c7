package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** summary.json carries the diagnostic trace columns that trace.csv gains. */
class TraceDiagnosticsSummaryTest {

  @Test
  void theXStarColumnsGoToTheSummaryByIterationWithTheFinalDistance() {
    TraceDiagnostics diagnostics = new TraceDiagnostics(false, new double[] {1, 0});
    List<double[]> iterates = List.of(new double[] {0, 0}, new double[] {0.9, 0}, new double[] {0.99, 0});
    Map<String, Map<Integer, Double>> columns = diagnostics.columns(Map.of(), iterates);
    Map<String, Object> summary = TraceDiagnostics.summaryOf(columns);

    assertEquals(0.01, (Double) summary.get("distance_to_x_star"), 1e-15);
    @SuppressWarnings("unchecked")
    Map<String, List<Double>> byIteration = (Map<String, List<Double>>) summary.get("trace_diagnostics");
    List<Double> distance = byIteration.get("distance_to_x_star");
    assertEquals(3, distance.size());
    assertEquals(1.0, distance.get(0), 1e-15);
    assertEquals(0.1, distance.get(1), 1e-15);
    List<Double> contraction = byIteration.get("contraction");
    assertEquals(0.1, contraction.get(0), 1e-12);
    assertEquals(0.1, contraction.get(1), 1e-12);
    assertNull(contraction.get(2), "no step from the last iterate: null, not NaN: " + Arrays.toString(contraction.toArray()));
  }

  @Test
  void noDiagnosticsAddNothing() {
    assertTrue(TraceDiagnostics.summaryOf(TraceDiagnostics.NONE.columns(Map.of(), List.of(new double[] {1}))).isEmpty());
  }
}
