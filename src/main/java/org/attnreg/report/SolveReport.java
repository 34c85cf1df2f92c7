package org.attnreg.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.attnreg.output.ResultWriter;
import org.attnreg.solver.IterationRecord;

/**
 * One solve as a self-contained page ({@code report.html}): status, data shape, options, warnings,
 * the convergence chart embedded as a {@code data:} URI and the trace table. It needs no network and
 * no other file. The page is XHTML (well-formed XML, also valid HTML5) and every text is escaped.
 */
public final class SolveReport {
  /** Summary keys shown in the status and data sections; other scalar keys go to "Details". */
  private static final List<String> STATUS_KEYS =
      List.of("family", "status", "message", "iterations", "loss", "gradient_norm", "seconds");
  private static final List<String> DATA_KEYS = List.of("n", "d", "nnz", "partitions");
  private static final Set<String> SECTION_KEYS = Set.of("options", "warnings", "input", "x");
  private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:70em}"
      + "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;"
      + "text-align:left;font-size:90%}th{background:#f2f2f2}img{max-width:100%}"
      + ".warn{color:#a04000}";

  private SolveReport() {}

  /**
   * @param summary the solve's summary (as written to summary.json)
   * @param trace the trace, iterate 0 first
   * @param chartPng the convergence chart, or null when there is none
   */
  public static String html(Map<String, Object> summary, List<IterationRecord> trace, byte[] chartPng) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        + "<meta charset=\"UTF-8\"/>\n").element("title", "attnreg solve: " + summary.getOrDefault("status", "?"))
        .raw("\n<style>" + STYLE + "</style>\n</head>\n<body>\n").element("h1", "attnreg solve report").raw("\n");
    table(h, "Result", pick(summary, STATUS_KEYS));
    table(h, "Data", dataSection(summary));
    warnings(h, summary.get("warnings"));
    chart(h, chartPng);
    if (summary.get("options") instanceof Map<?, ?> options) {
      table(h, "Options", options);
    }
    table(h, "Details", details(summary));
    traceTable(h, trace);
    return h.raw("</body>\n</html>\n").toString();
  }

  private static Map<String, Object> pick(Map<String, Object> summary, List<String> keys) {
    Map<String, Object> picked = new LinkedHashMap<>();
    keys.stream().filter(summary::containsKey).forEach(k -> picked.put(k, summary.get(k)));
    return picked;
  }

  private static Map<String, Object> dataSection(Map<String, Object> summary) {
    Map<String, Object> data = pick(summary, DATA_KEYS);
    if (summary.get("input") instanceof Map<?, ?> input) {
      input.forEach((k, v) -> data.put("input " + k, v));
    }
    return data;
  }

  /** Scalars not shown elsewhere (hessian, passes, Spark master, BLAS, …). */
  private static Map<String, Object> details(Map<String, Object> summary) {
    Map<String, Object> rest = new LinkedHashMap<>();
    summary.forEach((k, v) -> {
      boolean shown = STATUS_KEYS.contains(k) || DATA_KEYS.contains(k) || SECTION_KEYS.contains(k);
      if (!shown) {
        rest.put(k, v);
      }
    });
    return rest;
  }

  private static void table(Html h, String heading, Map<?, ?> entries) {
    if (entries.isEmpty()) {
      return;
    }
    h.element("h2", heading).raw("\n<table>\n");
    entries.forEach((k, v) -> h.row("td", List.of(String.valueOf(k), text(v))));
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

  private static void chart(Html h, byte[] png) {
    h.element("h2", "Convergence").raw("\n");
    if (png == null) {
      h.element("p", "No iterate was recorded, so there is no chart.").raw("\n");
      return;
    }
    h.raw("<p><img alt=\"loss and gradient norm per Newton iteration\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png) + "\"/></p>\n");
  }

  private static void traceTable(Html h, List<IterationRecord> trace) {
    h.element("h2", "Trace").raw("\n<table id=\"trace\">\n").row("th", ResultWriter.TRACE_COLUMNS);
    for (IterationRecord r : trace) {
      h.row("td", List.of(Integer.toString(r.iteration()), number(r.loss()), number(r.gradientNorm()),
          number(r.decrement()), number(r.stepSize()), number(r.damping()), Integer.toString(r.valuePasses()),
          Long.toString(r.rowsKept()), seconds(r.derivativeSeconds()), seconds(r.valueSeconds()), r.note()));
    }
    h.raw("</table>\n");
  }

  private static String text(Object v) {
    if (v instanceof Double d) {
      return number(d);
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

  private static String number(double v) {
    return Double.isFinite(v) && v != 0.0 ? String.format(Locale.ROOT, "%.6e", v) : Double.toString(v);
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
