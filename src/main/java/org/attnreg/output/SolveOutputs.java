package org.attnreg.output;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.ResultWriter;
import org.attnreg.solver.SolveResult;

/**
 * Writes everything one solve leaves in its output directory: {@code convergence.png},
 * {@code report.html}, then {@code x.csv}, {@code trace.csv} and, last, {@code summary.json}, whose
 * presence still marks a complete result. The command line and the ML estimator both use it.
 */
public final class SolveOutputs {
  private SolveOutputs() {}

  /** Writes all files; {@code summary} is the map written to summary.json. */
  public static void write(AtomicFiles files, SolveResult result, Map<String, Object> summary) {
    write(files, result, Map.of(), summary);
  }

  /** As {@link #write(AtomicFiles, SolveResult, Map)}, with extra trace columns (name → iteration → value). */
  public static void write(AtomicFiles files, SolveResult result, Map<String, Map<Integer, Double>> traceColumns,
      Map<String, Object> summary) {
    List<ChartSpec> panels = result.trace().isEmpty() ? List.of() : chart(result, summary);
    // The page embeds each panel on its own, so that a narrow screen stacks them at a readable size.
    List<byte[]> pagePanels = List.of();
    if (!panels.isEmpty()) {
      Charts.Panels drawn = Charts.pngs(panels);
      files.writeBytes(ResultWriter.CHART, drawn.sideBySide());
      pagePanels = drawn.each();
    }
    files.writeText(ResultWriter.REPORT, SolveReport.html(summary,
        new SolveReport.Content(result.x(), result.trace(), traceColumns, pagePanels, Instant.now())));
    new ResultWriter(files).write(result.x(), result.trace(), traceColumns, summary);
  }

  /** The chart's panels, titled with the family (when the summary names one). */
  static List<ChartSpec> chart(SolveResult result, Map<String, Object> summary) {
    String title = "attnreg " + summary.getOrDefault("family", "solve");
    return ConvergenceChart.of(title, result.status().label(), result.trace());
  }

  /** The files {@link #write} produces, in the order written. */
  public static List<String> fileNames() {
    return List.of(ResultWriter.CHART, ResultWriter.REPORT, ResultWriter.X, ResultWriter.TRACE, ResultWriter.SUMMARY);
  }
}
