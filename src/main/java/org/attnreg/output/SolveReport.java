package org.attnreg.output;

import static org.attnreg.output.Html.attr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.attnreg.output.ResultWriter;
import org.attnreg.solver.IterationRecord;

/**
 * One solve as a self-contained page ({@code report.html}): the status, the command line and date,
 * the input, the solution x, warnings, the convergence chart (embedded as a {@code data:} URI), the
 * options and the whole trace with any diagnostic columns. It needs no network and no other file.
 * The page is XHTML (well-formed XML, also valid HTML5) and every text is escaped.
 *
 * <p>Numbers are rounded for reading (loss to 7 significant digits, norms to 3, seconds to the
 * millisecond); x.csv, trace.csv and summary.json keep full precision. Each coefficient also carries
 * its exact value in a {@code data-value} attribute.
 */
public final class SolveReport {
  /**
   * Up to this many coefficients the page lists all of x (in a scrolling box); above it, the
   * {@link #LARGEST_SHOWN} largest in magnitude with a link to x.csv, which has every one. A page of
   * a million coefficients would be tens of megabytes that nobody reads in a browser.
   */
  static final int FULL_X_LIMIT = 1000;
  static final int LARGEST_SHOWN = 100;

  private static final List<String> RESULT_KEYS =
      List.of("family", "iterations", "loss", "gradient_norm", "distance_to_x_star", "seconds");
  private static final List<String> INPUT_KEYS = List.of("n", "d", "nnz", "partitions", "row_weights");
  /** Keys shown in their own sections, never again under "Details". */
  private static final Set<String> SHOWN_ELSEWHERE = Set.of("status", "message", "options", "warnings", "input", "x",
      "read", "command_line", "trace_diagnostics");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final String STYLE = "body{font-family:sans-serif;margin:1em auto;padding:0 1em;max-width:80em}"
      + "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px;"
      + "text-align:left;font-size:90%;vertical-align:top}th{background:#f2f2f2;font-weight:600}"
      + "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
      + "td.note{min-width:12em;overflow-wrap:anywhere}td.wrap{overflow-wrap:anywhere;white-space:pre-line}"
      + ".scroll{overflow-x:auto;max-width:100%}.xbox{max-height:24em;overflow-y:auto;display:inline-block}"
      + ".xbox table{margin:0}img{max-width:100%;height:auto}.charts{display:flex;flex-wrap:wrap;gap:0.5em}.charts img{flex:1 1 24em;min-width:0;max-width:40em}"
      + "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:0.5em}"
      + ".status{font-size:150%;font-weight:bold;padding:0.3em 0.6em;display:inline-block;border-radius:4px}"
      + ".ok{background:#e3f4e8;color:#145a32}.bad{background:#fdebd0;color:#7e3c00}.warn{color:#a04000}";

  private SolveReport() {}

  /** What the page shows besides the summary: the answer, the trace and the chart. */
  public record Content(double[] x, List<IterationRecord> trace, Map<String, Map<Integer, Double>> traceColumns,
      List<byte[]> chartPanels, Instant written) {}

  /**
   * @param summary the solve's summary (as written to summary.json)
   * @param content x, trace, extra trace columns, the chart's panels as PNG (none when there is no
   *     iterate) and the time the page is written
   */
  public static String html(Map<String, Object> summary, Content content) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        + "<meta charset=\"UTF-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .element("title", "attnreg solve: " + summary.getOrDefault("status", "?"))
        .raw("\n<style>" + STYLE + "</style>\n</head>\n<body>\n").element("h1", "attnreg solve report").raw("\n");
    status(h, summary);
    run(h, summary, content.written());
    table(h, "Result", "result", scalars(summary, RESULT_KEYS));
    table(h, "Input", "input", input(summary));
    warnings(h, summary.get("warnings"));
    solution(h, content.x());
    chart(h, content.chartPanels());
    traceTable(h, content.trace(), content.traceColumns());
    if (summary.get("options") instanceof Map<?, ?> options) {
      table(h, "Options", "options", options);
    }
    table(h, "Details", "details", details(summary));
    return h.raw("</body>\n</html>\n").toString();
  }

  private static void status(Html h, Map<String, Object> summary) {
    String status = String.valueOf(summary.getOrDefault("status", "unknown"));
    h.raw("<p>").element("span", attr("id", "status") + attr("class", "status " + ("converged".equals(status)
        ? "ok" : "bad")), status).raw("</p>\n");
    if (summary.get("message") != null) {
      h.element("p", attr("id", "message"), String.valueOf(summary.get("message"))).raw("\n");
    }
  }

  private static void run(Html h, Map<String, Object> summary, Instant written) {
    if (summary.get("command_line") != null) {
      h.element("pre", attr("id", "command"), String.valueOf(summary.get("command_line"))).raw("\n");
    }
    h.element("p", attr("id", "date"), "Written " + DATE.format(written)).raw("\n");
  }

  private static Map<String, Object> scalars(Map<String, Object> summary, List<String> keys) {
    Map<String, Object> picked = new LinkedHashMap<>();
    keys.stream().filter(k -> summary.get(k) != null).forEach(k -> picked.put(k, summary.get(k)));
    return picked;
  }

  private static Map<String, Object> input(Map<String, Object> summary) {
    Map<String, Object> in = new LinkedHashMap<>();
    if (summary.get("input") instanceof Map<?, ?> input && input.get("files") instanceof Collection<?> files) {
      in.put("files", String.join("\n", files.stream().map(String::valueOf).toList()));
    }
    if (summary.get("read") instanceof Map<?, ?> read && read.get("format") != null) {
      in.put("format", format(String.valueOf(read.get("format")), in.get("files")));
    }
    in.putAll(scalars(summary, INPUT_KEYS));
    if (summary.get("input") instanceof Map<?, ?> input && input.get("fingerprint") != null) {
      in.put("fingerprint", input.get("fingerprint"));
    }
    return in;
  }

  /** The format given, or for {@code auto} the one the files' common extension selects. */
  private static String format(String given, Object files) {
    if (!"auto".equals(given) || files == null) {
      return given;
    }
    List<String> extensions = String.valueOf(files).lines().map(f -> f.substring(f.lastIndexOf('/') + 1))
        .map(f -> f.contains(".") ? f.substring(f.lastIndexOf('.') + 1) : "").distinct().toList();
    return extensions.size() == 1 && !extensions.get(0).isEmpty() ? "auto: " + extensions.get(0) + " (by extension)"
        : given;
  }

  /** Scalars not shown elsewhere (hessian, passes, Spark master, BLAS, …). */
  private static Map<String, Object> details(Map<String, Object> summary) {
    Map<String, Object> rest = new LinkedHashMap<>();
    summary.forEach((k, v) -> {
      boolean shown = RESULT_KEYS.contains(k) || INPUT_KEYS.contains(k) || SHOWN_ELSEWHERE.contains(k);
      if (!shown && v != null) {
        rest.put(k, v);
      }
    });
    return rest;
  }

  private static void table(Html h, String heading, String id, Map<?, ?> entries) {
    if (entries.isEmpty()) {
      return;
    }
    h.element("h2", heading).raw("\n<table" + attr("id", id) + ">\n");
    entries.forEach((k, v) -> {
      h.raw("<tr>").element("th", String.valueOf(k));
      h.element("td", attr("class", v instanceof Number ? "num" : "wrap"), text(String.valueOf(k), v));
      h.raw("</tr>\n");
    });
    h.raw("</table>\n");
  }

  private static void warnings(Html h, Object warnings) {
    if (!(warnings instanceof Collection<?> list) || list.isEmpty()) {
      return;
    }
    h.element("h2", "Warnings").raw("\n<ul class=\"warn\">\n");
    list.forEach(w -> h.element("li", String.valueOf(w)).raw("\n"));
    h.raw("</ul>\n");
  }

  /** x as a table of (j, x_j), j counted from 1 as the lines of x.csv. */
  private static void solution(Html h, double[] x) {
    h.element("h2", "Solution x").raw("\n");
    List<Integer> shown = IntStream.range(0, x.length).boxed().toList();
    if (x.length > FULL_X_LIMIT) {
      shown = shown.stream().sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(x[j]))).limit(LARGEST_SHOWN)
          .sorted().toList();
      h.raw("<p>d = " + x.length + ": the " + LARGEST_SHOWN + " coefficients largest in magnitude; all "
          + x.length + " are in <a href=\"" + ResultWriter.X + "\">" + ResultWriter.X + "</a>.</p>\n");
    } else {
      h.raw("<p>All " + x.length + " coefficients (full precision in <a href=\"" + ResultWriter.X + "\">"
          + ResultWriter.X + "</a>).</p>\n");
    }
    h.raw("<div class=\"xbox\"><table id=\"x\">\n<tr><th>j</th><th>x_j</th></tr>\n");
    for (int j : shown) {
      h.raw("<tr>").element("td", attr("class", "num"), Integer.toString(j + 1))
          .element("td", attr("class", "num") + attr("data-value", Double.toString(x[j])), Numbers.significant(x[j], 7))
          .raw("</tr>\n");
    }
    h.raw("</table></div>\n");
  }

  private static void chart(Html h, List<byte[]> panels) {
    h.element("h2", "Convergence").raw("\n");
    if (panels.isEmpty()) {
      h.element("p", "No iterate was recorded, so there is no chart.").raw("\n");
      return;
    }
    h.raw("<div class=\"charts\">");
    for (byte[] png : panels) {
      h.raw("<img alt=\"convergence per Newton iteration (loss minus final loss; gradient norm)\" "
          + "src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"/>");
    }
    h.raw("</div>\n");
  }

  private static void traceTable(Html h, List<IterationRecord> trace, Map<String, Map<Integer, Double>> extra) {
    List<String> columns = new ArrayList<>(ResultWriter.TRACE_COLUMNS.subList(0, ResultWriter.TRACE_COLUMNS.size() - 1));
    columns.addAll(extra.keySet());
    columns.add("note");
    h.element("h2", "Trace").raw("\n<p>One row per iterate; " + Numbers.NONE
        + " where no step was taken (the last iterate). Full precision in <a href=\"" + ResultWriter.TRACE + "\">"
        + ResultWriter.TRACE + "</a>.</p>\n<div class=\"scroll\"><table id=\"trace\">\n<tr>");
    columns.forEach(c -> h.element("th", attr("data-column", c), c.replace('_', ' ')));
    h.raw("</tr>\n");
    for (IterationRecord r : trace) {
      h.raw("<tr>");
      num(h, Integer.toString(r.iteration()));
      num(h, Numbers.significant(r.loss(), 7));
      num(h, Numbers.significant(r.gradientNorm(), 3));
      num(h, Numbers.significant(r.decrement(), 3));
      num(h, Numbers.significant(r.stepSize(), 3));
      num(h, Numbers.significant(r.damping(), 3));
      num(h, Integer.toString(r.valuePasses()));
      num(h, Integer.toString(r.passes()));
      num(h, Long.toString(r.rowsKept()));
      num(h, Numbers.seconds(r.derivativeSeconds()));
      num(h, Numbers.seconds(r.valueSeconds()));
      extra.values().forEach(c -> num(h, Numbers.significant(c.getOrDefault(r.iteration(), Double.NaN), 3)));
      h.element("td", attr("class", "note"), r.note()).raw("</tr>\n");
    }
    h.raw("</table></div>\n");
  }

  private static void num(Html h, String text) {
    h.element("td", attr("class", "num"), text);
  }

  private static String text(String key, Object v) {
    if (v instanceof Double d) {
      return key.endsWith("seconds") ? Numbers.seconds(d) : Numbers.significant(d, "loss".equals(key) ? 7 : 4);
    }
    if (v instanceof double[] a) {
      return a.length + " values";
    }
    if (v instanceof Collection<?> c) {
      List<String> items = new ArrayList<>();
      c.forEach(item -> items.add(String.valueOf(item)));
      return String.join(", ", items);
    }
    return String.valueOf(v);
  }
}
