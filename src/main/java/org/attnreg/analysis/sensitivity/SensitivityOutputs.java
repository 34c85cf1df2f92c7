package org.attnreg.analysis.sensitivity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnreg.linalg.Vectors;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.ResultWriter;
import org.attnreg.report.ChartSpec;
import org.attnreg.report.Charts;
import org.attnreg.report.Series;
import org.attnreg.solver.SolveResult;
import org.attnreg.stats.SensitivityPass;

/**
 * Writes a study's {@code sensitivity.csv} (one row per ‖E‖), {@code sensitivity.png} (three log-log
 * panels against ‖E‖_F: measured and first-order shift, their disagreement, the residual ratio and
 * its bound) and, last,
 * {@code sensitivity.json} (options, solution summary, first-order shift, rows), each atomically.
 * Non-finite numbers go to JSON as strings ({@code "NaN"}, {@code "Infinity"}) so that it stays
 * valid JSON.
 */
public final class SensitivityOutputs {
  public static final String CSV = "sensitivity.csv";
  public static final String JSON = "sensitivity.json";
  public static final String PNG = "sensitivity.png";
  private static final int PANEL_WIDTH = 560;
  private static final int PANEL_HEIGHT = 440;

  public static final List<String> COLUMNS = List.of("norm", "relative_norm", "predicted_shift", "measured_shift",
      "disagreement", "resolve_status", "resolve_iterations", "residual_shift", "residual_ratio", "lipschitz_z",
      "ex_norm", "bound", "a_priori_bound", "radius", "bounds_hold");

  private SensitivityOutputs() {}

  /** Removes an earlier run's files, so none can be mistaken for this one's. */
  public static void clearStale(AtomicFiles files) {
    files.delete(JSON);
    files.delete(CSV);
    files.delete(PNG);
  }

  /** @param context options and input description, written first in the JSON */
  public static void write(AtomicFiles files, SensitivityReport report, Map<String, Object> context) {
    files.writeText(CSV, csv(report.rows()));
    files.writeBytes(PNG, Charts.png(chart(report, context)));
    Map<String, Object> json = new LinkedHashMap<>(context);
    json.put("solution", solution(report.solve()));
    json.put("first_order", firstOrder(report));
    json.put("residual_bound", report.bound().formula());
    json.put("all_bounds_hold", report.allBoundsHold());
    json.put("rows", report.rows().stream().map(SensitivityOutputs::row).toList());
    files.writeText(JSON, ResultWriter.json(json));
  }

  static String csv(List<SensitivityRow> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (SensitivityRow r : rows) {
      List<String> cells = new ArrayList<>();
      row(r).values().forEach(v -> cells.add(String.valueOf(v)));
      sb.append(String.join(",", cells)).append('\n');
    }
    return sb.toString();
  }

  /** A row's fields under the CSV column names, in order. */
  static Map<String, Object> row(SensitivityRow r) {
    Object[] values = {number(r.norm()), number(r.relativeNorm()), number(r.predictedShift()),
        number(r.measuredShift()), number(r.disagreement()), r.resolveStatus(), r.resolveIterations(),
        number(r.residualShift()), number(r.residualRatio()), number(r.lipschitzInZ()), number(r.exNorm()),
        number(r.bound()), number(r.aPrioriBound()), number(r.radius()), r.boundsHold()};
    Map<String, Object> m = new LinkedHashMap<>();
    for (int k = 0; k < values.length; k++) {
      m.put(COLUMNS.get(k), values[k]);
    }
    return m;
  }

  private static Map<String, Object> solution(SolveResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", r.status().label());
    m.put("message", r.message());
    m.put("iterations", r.iterations());
    m.put("loss", number(r.loss()));
    m.put("gradient_norm", number(r.gradientNorm()));
    m.put("x_norm", number(Vectors.norm(r.x())));
    m.put("x", r.x());
    m.put("value_passes", r.valuePasses());
    m.put("derivative_passes", r.derivativePasses());
    m.put("warnings", r.warnings());
    return m;
  }

  private static Map<String, Object> firstOrder(SensitivityReport report) {
    SensitivityPass pass = report.pass();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("formula", "dx* = −H(x*)⁻¹(∂_A∇L)[E], per unit ‖E‖_F; the shift for ‖E‖_F = t is t·dx*");
    m.put("unit_shift", report.firstOrder().unitShift());
    m.put("unit_shift_norm", number(Vectors.norm(report.firstOrder().unitShift())));
    m.put("damping", report.firstOrder().damping());
    m.put("damping_reason", report.firstOrder().note());
    m.put("gradient_norm_at_x_star", number(pass.derivatives().gradientNorm()));
    m.put("n", pass.rows());
    m.put("a_frobenius_norm", number(pass.aNorm()));
    m.put("max_row_norm_a", number(pass.maxRowNormA()));
    m.put("b_norm", number(pass.bNorm()));
    m.put("unit_ex_norm", number(pass.exNorm()));
    m.put("unit_max_row_norm_e", number(pass.maxRowNormE()));
    m.put("raw_e_frobenius_norm", number(pass.rawNorm()));
    return m;
  }

  /**
   * Three panels, each with quantities of one kind on its own log-log axes against ‖E‖_F: the
   * solution shift measured and predicted to first order; their disagreement, the actual check
   * (on the first panel the two lines coincide, so it cannot be seen there); the residual ratio
   * against its bound. The first title names the family and the data.
   */
  static List<ChartSpec> chart(SensitivityReport report, Map<String, Object> context) {
    List<SensitivityRow> rows = report.rows();
    double[] x = rows.stream().mapToDouble(SensitivityRow::norm).toArray();
    ChartSpec shift = panel(title(context), "‖x*(A+E) − x*(A)‖")
        .with(Series.of("measured ‖x*(A+E) − x*(A)‖", x, values(rows, SensitivityRow::measuredShift)).withMarkers(true))
        .with(Series.of("first order ‖dx*‖", x, values(rows, SensitivityRow::predictedShift)));
    ChartSpec disagreement = panel("First-order disagreement", "‖Δx − dx*‖ / ‖Δx‖")
        .with(Series.of("disagreement", x, values(rows, SensitivityRow::disagreement)).withMarkers(true));
    ChartSpec residual = panel("Residual ratio and its bound", "‖Δc‖ / ‖E‖_F")
        .with(Series.of("residual ratio ‖Δc‖/‖E‖_F", x, values(rows, SensitivityRow::residualRatio)).withMarkers(true))
        .with(Series.of("bound L_z‖x*‖", x, values(rows, SensitivityRow::bound)));
    // A panel with nothing to draw (e.g. every re-solve failed) is left out rather than failing the study.
    List<ChartSpec> drawable = java.util.stream.Stream.of(shift, disagreement, residual)
        .filter(Charts::hasDrawablePoint).toList();
    return drawable.isEmpty() ? List.of(shift) : drawable;
  }

  private static ChartSpec panel(String title, String yLabel) {
    return ChartSpec.of(title, "‖E‖_F", yLabel).withLogX(true).withLogY(true).withSize(PANEL_WIDTH, PANEL_HEIGHT);
  }

  /** "softmax on softmax-20k (n = 20000, d = 10)", from the context's options and input. */
  static String title(Map<String, Object> context) {
    Object family = context.get("options") instanceof Map<?, ?> o ? o.get("family") : null;
    StringBuilder t = new StringBuilder("Sensitivity of ").append(family == null ? "the solution" : family);
    if (context.get("input") instanceof Map<?, ?> in) {
      if (in.get("files") instanceof List<?> files && !files.isEmpty()) {
        t.append(" on ").append(dataName(files));
      }
      if (in.get("n") != null && in.get("d") != null) {
        t.append(" (n = ").append(in.get("n")).append(", d = ").append(in.get("d")).append(')');
      }
    }
    return t.toString();
  }

  /** The file's name, or its folder's for several files or Spark-style part files. */
  private static String dataName(List<?> files) {
    String first = String.valueOf(files.get(0));
    String[] parts = first.split("/");
    String name = parts[parts.length - 1];
    boolean folder = files.size() > 1 || name.startsWith("part-");
    return folder && parts.length > 1 ? parts[parts.length - 2] : name;
  }

  private static double[] values(List<SensitivityRow> rows, java.util.function.ToDoubleFunction<SensitivityRow> f) {
    return rows.stream().mapToDouble(f).toArray();
  }

  /** The value, or its name as a string when it is not finite (JSON has no NaN or ∞). */
  static Object number(double v) {
    return Double.isFinite(v) ? (Object) v : String.valueOf(v);
  }
}
