package org.attnreg.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnreg.solver.IterationRecord;

/**
 * Writes a solve's results: {@code x.csv} (one coefficient per line), {@code trace.csv} (one row per
 * iterate) and, last, {@code summary.json}, whose presence marks a complete result.
 */
public final class ResultWriter {
  public static final String SUMMARY = "summary.json";
  public static final String TRACE = "trace.csv";
  public static final String X = "x.csv";
  /** The convergence chart and the HTML report written beside the results by {@code report.SolveOutputs}. */
  public static final String CHART = "convergence.png";
  public static final String REPORT = "report.html";

  /** The trace's columns, in order. */
  public static final List<String> TRACE_COLUMNS = List.of("iteration", "loss", "gradient_norm", "newton_decrement",
      "step_size", "damping", "value_passes", "rows_kept", "derivative_seconds", "value_seconds", "note");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final AtomicFiles files;

  public ResultWriter(AtomicFiles files) {
    this.files = files;
  }

  /** The output directory. */
  public AtomicFiles files() {
    return files;
  }

  /** Removes results of an earlier run in the same directory, so none can be mistaken for this one's. */
  public void clearStale() {
    files.delete(SUMMARY);
    files.delete(TRACE);
    files.delete(X);
    files.delete(CHART);
    files.delete(REPORT);
  }

  public void write(double[] x, List<IterationRecord> trace, Map<String, Object> summary) {
    write(x, trace, Map.of(), summary);
  }

  /** As {@link #write(double[], List, Map)}, with extra trace columns (name → iteration → value). */
  public void write(double[] x, List<IterationRecord> trace, Map<String, Map<Integer, Double>> extraColumns,
      Map<String, Object> summary) {
    files.writeText(X, vector(x));
    files.writeText(TRACE, trace(trace, extraColumns));
    files.writeText(SUMMARY, json(summary));
  }

  /** One value per line, full precision (round-trips exactly). */
  public static String vector(double[] x) {
    StringBuilder sb = new StringBuilder();
    for (double v : x) {
      sb.append(v).append('\n');
    }
    return sb.toString();
  }

  public static String trace(List<IterationRecord> trace) {
    return trace(trace, Map.of());
  }

  /** The trace table; extra columns go before the free-text note, an empty field where an iteration has no value. */
  public static String trace(List<IterationRecord> trace, Map<String, Map<Integer, Double>> extraColumns) {
    List<String> header = new java.util.ArrayList<>(TRACE_COLUMNS.subList(0, TRACE_COLUMNS.size() - 1));
    header.addAll(extraColumns.keySet());
    header.add("note");
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    for (IterationRecord r : trace) {
      sb.append(r.iteration()).append(',').append(r.loss()).append(',').append(r.gradientNorm()).append(',')
          .append(field(r.decrement())).append(',').append(field(r.stepSize())).append(',').append(r.damping())
          .append(',')
          .append(r.valuePasses()).append(',').append(r.rowsKept()).append(',')
          .append(String.format(Locale.ROOT, "%.4f", r.derivativeSeconds())).append(',')
          .append(String.format(Locale.ROOT, "%.4f", r.valueSeconds())).append(',');
      for (Map<Integer, Double> column : extraColumns.values()) {
        sb.append(field(column.getOrDefault(r.iteration(), Double.NaN))).append(',');
      }
      sb.append(csvField(r.note())).append('\n');
    }
    return sb.toString();
  }

  /** A number, or an empty field where there is none (no step from the last iterate). */
  private static String field(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static String csvField(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  public static String json(Map<String, Object> summary) {
    try {
      return JSON.writeValueAsString(summary) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
