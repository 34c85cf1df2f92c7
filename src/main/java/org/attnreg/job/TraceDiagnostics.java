package org.attnreg.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;

/**
 * Optional per-iteration diagnostics of a solve, written as extra {@code trace.csv} columns:
 * the achieved spectral error ε_t of a sketched Hessian ({@code --diagnose}), and, given the
 * planted solution ({@code --x-star}), the distance {@code ‖x_t − x*‖} and the contraction
 * {@code ‖x_{t+1} − x*‖/‖x_t − x*‖} of the step taken from iterate t.
 *
 * @param hessianError whether to measure ε_t (one extra exact derivative pass per iteration)
 * @param xStar the reference solution, or null
 */
public record TraceDiagnostics(boolean hessianError, double[] xStar) {
  public static final TraceDiagnostics NONE = new TraceDiagnostics(false, null);

  /** The extra columns, by name then iteration; empty when nothing was asked for. */
  Map<String, Map<Integer, Double>> columns(Map<Integer, Double> hessianErrors, List<double[]> iterates) {
    Map<String, Map<Integer, Double>> columns = new LinkedHashMap<>();
    if (hessianError) {
      columns.put("hessian_error", new TreeMap<>(hessianErrors));
    }
    if (xStar != null) {
      Map<Integer, Double> distance = new TreeMap<>();
      Map<Integer, Double> contraction = new TreeMap<>();
      for (int k = 0; k < iterates.size(); k++) {
        distance.put(k, distanceToXStar(iterates.get(k)));
        if (k > 0) {
          contraction.put(k - 1, distance.get(k) / distance.get(k - 1));
        }
      }
      columns.put("distance_to_x_star", distance);
      columns.put("contraction", contraction);
    }
    return columns;
  }

  /**
   * The columns for summary.json: each as a list by iteration (null where an iteration has none)
   * under {@code trace_diagnostics}, and the final {@code distance_to_x_star} on its own; empty when
   * there are no columns.
   */
  static Map<String, Object> summaryOf(Map<String, Map<Integer, Double>> columns) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (columns.isEmpty()) {
      return m;
    }
    Map<String, List<Double>> byIteration = new LinkedHashMap<>();
    int last = columns.values().stream().flatMap(c -> c.keySet().stream()).mapToInt(Integer::intValue).max().orElse(-1);
    columns.forEach((name, values) -> {
      List<Double> list = new java.util.ArrayList<>();
      for (int k = 0; k <= last; k++) {
        Double v = values.get(k);
        list.add(v == null || !Double.isFinite(v) ? null : v);
      }
      byIteration.put(name, list);
    });
    Map<Integer, Double> distance = columns.get("distance_to_x_star");
    if (distance != null && !distance.isEmpty()) {
      m.put("distance_to_x_star", distance.get(java.util.Collections.max(distance.keySet())));
    }
    m.put("trace_diagnostics", byIteration);
    return m;
  }

  private double distanceToXStar(double[] x) {
    if (x.length != xStar.length) {
      throw new IllegalArgumentException("--x-star has " + xStar.length + " entries, the problem has d = " + x.length);
    }
    double s = 0.0;
    for (int j = 0; j < x.length; j++) {
      s += (x[j] - xStar[j]) * (x[j] - xStar[j]);
    }
    return Math.sqrt(s);
  }

  /** Records the iterates a listener sees (for the distance columns). */
  static IterationRecordTap tap() {
    return new IterationRecordTap();
  }

  /** Keeps a copy of every iterate. */
  static final class IterationRecordTap {
    final List<double[]> iterates = new java.util.ArrayList<>();

    void add(IterationRecord record, double[] x) {
      iterates.add(x.clone());
    }

    /** A listener that records each iterate, then passes every call on to {@code next}. */
    IterationListener forwardingTo(IterationListener next) {
      return new IterationListener() {
        @Override
        public void onIteration(IterationRecord record, double[] x) {
          add(record, x);
          next.onIteration(record, x);
        }

        @Override
        public void onAccepted(SolverState state) {
          next.onAccepted(state);
        }
      };
    }
  }
}
