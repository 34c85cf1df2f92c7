package org.attnreg.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnreg.solver.IterationRecord;

/**
 * Writes a solve's results: {@code x.csv} (one coefficient per line), {@code trace.csv} (one row per
 * iterate) and, last, {@code summary.json}. The old results stay in place until each new file
 * replaces its namesake atomically, so during a run, or after a run that failed part-way, the
 * directory may hold a mixture of two runs' files. {@code summary.json} tells them apart: written
 * last, it lists under {@value #FILES} the SHA-256 of every file it describes ({@code x.csv},
 * {@code trace.csv} and, when this run wrote them, {@code convergence.png} and {@code report.html});
 * the set is complete exactly when every listed file has its listed digest ({@link #verify}).
 */
public final class ResultWriter {
  public static final String SUMMARY = "summary.json";
  public static final String TRACE = "trace.csv";
  public static final String X = "x.csv";
  /** The convergence chart and the HTML report written beside the results by {@code report.SolveOutputs}. */
  public static final String CHART = "convergence.png";
  public static final String REPORT = "report.html";
  /** The summary's field with the SHA-256 (hex) of each file it describes, by name. */
  public static final String FILES = "files";

  /** The trace's columns, in order. */
  public static final List<String> TRACE_COLUMNS = List.of("iteration", "loss", "gradient_norm", "newton_decrement",
      "step_size", "damping", "value_passes", "passes", "rows_kept", "derivative_seconds", "value_seconds", "note");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final AtomicFiles files;

  public ResultWriter(AtomicFiles files) {
    this.files = files;
  }

  /** The output directory. */
  public AtomicFiles files() {
    return files;
  }


  public void write(double[] x, List<IterationRecord> trace, Map<String, Object> summary) {
    write(x, trace, Map.of(), summary);
  }

  /** As {@link #write(double[], List, Map)}, with extra trace columns (name → iteration → value). */
  public void write(double[] x, List<IterationRecord> trace, Map<String, Map<Integer, Double>> extraColumns,
      Map<String, Object> summary) {
    files.writeText(X, vector(x));
    files.writeText(TRACE, trace(trace, extraColumns));
    Map<String, Object> described = new LinkedHashMap<>(summary);
    Map<String, String> digests = new LinkedHashMap<>();
    for (String name : List.of(CHART, REPORT, X, TRACE)) {
      String digest = files.writtenDigest(name);
      if (digest != null) {
        digests.put(name, digest);
      }
    }
    described.put(FILES, digests);
    files.writeText(SUMMARY, json(described));
  }

  /**
   * Whether the directory holds one complete result set: the problems found (empty when complete):
   * no summary, a summary without digests (written by an older version), or a listed file missing
   * or with another digest (a mixture of two runs, or a file edited since).
   */
  public static List<String> verify(AtomicFiles files) {
    String text = files.readText(SUMMARY);
    if (text == null) {
      return List.of("no " + SUMMARY + ": no complete result");
    }
    JsonNode listed;
    try {
      listed = JSON.readTree(text).get(FILES);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return List.of(SUMMARY + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (listed == null || !listed.isObject() || !listed.has(X) || !listed.has(TRACE)) {
      return List.of(SUMMARY + " lists no digests of " + X + " and " + TRACE + ": cannot tell whether they belong to it");
    }
    List<String> problems = new ArrayList<>();
    listed.fields().forEachRemaining(e -> {
      String now = files.digest(e.getKey());
      if (now == null) {
        problems.add(e.getKey() + " is missing");
      } else if (!now.equals(e.getValue().asText())) {
        problems.add(e.getKey() + " is not the file " + SUMMARY + " describes (SHA-256 " + now + ", listed "
            + e.getValue().asText() + ")");
      }
    });
    return problems;
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
          .append(r.valuePasses()).append(',').append(r.passes()).append(',').append(r.rowsKept()).append(',')
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
