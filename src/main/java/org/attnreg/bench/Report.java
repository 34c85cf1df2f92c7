package org.attnreg.bench;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Markdown report: how the run was made, the targets, then one table per section. */
final class Report {
  /** Sections in report order, with their headings and what they measure. */
  static final Map<String, String> SECTIONS = sections();

  private Report() {}

  private static Map<String, String> sections() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("bandwidth", "Memory bandwidth (STREAM-like, this JVM, one thread per core)");
    m.put("kernels", "Dense Gram kernels, one thread, one in-cache block (useful flops n·d·(d+1))");
    m.put(GramChoiceBench.SECTION, "The Gram kernel the probe picks against each kernel forced: derivative pass"
        + " (softmax, exact Hessian), repetitions interleaved; the native BLAS is the one netlib loaded");
    m.put(PassBench.SECTION, "Passes against the hardware: Spark pass, the same aggregates in a plain thread pool, and "
        + "the bandwidth bound bytes(A)/bandwidth (value pass = 8 line-search candidates; derivative pass = "
        + "softmax gradient + exact Gram)");
    m.put(GlrBench.SECTION, "exp regression: attnreg Newton against Spark ML GeneralizedLinearRegression "
        + "(gaussian, log link, no intercept) on the same cached rows");
    m.put(LbfgsBench.SECTION, "attnreg Newton against Breeze L-BFGS (m = 10) driven by our one-pass loss and gradient, "
        + "same start, same relative gradient tolerance " + LbfgsBench.TOLERANCE);
    m.put(SketchBench.SECTION, "Exact against sketched Hessians (softmax, exact planted targets, start at 0)");
    m.put(ScalingBench.SECTION, "Seconds per pass as n and the partition count grow (softmax)");
    m.put(E2eBench.SECTION, "Whole cold commands in their own processes, as a user runs them: jobs/solve against scipy"
        + " trust-exact and Spark GLR (attnreg glr-fit); solve seconds from each command's own report (loading"
        + " excluded), whole-command seconds by the wall clock");
    return m;
  }

  static String markdown(List<String> header, List<String[]> targets, Results results, List<String> charts) {
    StringBuilder sb = new StringBuilder("# attnreg benchmark\n\n");
    header.forEach(line -> sb.append("- ").append(line).append('\n'));
    sb.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
    for (String[] t : targets) {
      sb.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n");
    }
    for (Map.Entry<String, String> s : SECTIONS.entrySet()) {
      List<Results.Figure> figures = results.section(s.getKey());
      if (!figures.isEmpty()) {
        sb.append("\n## ").append(s.getKey()).append("\n\n").append(s.getValue()).append(".\n\n").append(table(figures));
      }
    }
    if (!charts.isEmpty()) {
      sb.append("\n## Charts\n\n");
      charts.forEach(c -> sb.append("![").append(c).append("](").append(c).append(")\n\n"));
    }
    return sb.toString();
  }

  /** One row per (subject, setting), one column per metric, in the order measured. */
  static String table(List<Results.Figure> figures) {
    Set<String> metrics = new LinkedHashSet<>();
    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
    for (Results.Figure f : figures) {
      metrics.add(f.metric());
      rows.computeIfAbsent(f.subject() + " | " + f.setting(), k -> new LinkedHashMap<>()).put(f.metric(), f.value());
    }
    StringBuilder sb = new StringBuilder("| subject | setting |");
    metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
    sb.append("\n|---|---|").append("---:|".repeat(metrics.size())).append('\n');
    for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
      sb.append("| ").append(row.getKey()).append(" |");
      for (String m : metrics) {
        Double v = row.getValue().get(m);
        sb.append(' ').append(v == null ? "" : format(v)).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? "%.4g" : "%.3e", v);
  }
}
