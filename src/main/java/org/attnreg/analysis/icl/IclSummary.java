package org.attnreg.analysis.icl;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The few lines {@code icl} prints on standard output when it is done, as {@code solve} does: the
 * instance, each shift ratio against its two bounds, and each experiment setting's final closeness of
 * the trained attention layer to one-step GD. Everything else is in icl.json and icl.csv.
 */
final class IclSummary {
  private IclSummary() {}

  static void print(PrintWriter out, IclReport report, String dir) {
    ShiftAnalysis.Report s = report.shifts();
    out.printf(Locale.ROOT, "attnreg icl: instance n = %d, d = %d (%s), solved: %s after %d iteration%s%n", s.n(),
        s.d(), report.config().get("input"), s.solveStatus(), s.newtonIterations(),
        s.newtonIterations() == 1 ? "" : "s");
    for (WeightShift.Result w : s.weightShifts()) {
      out.printf(Locale.ROOT, "  weight shift at the %s: ‖b'−b‖/‖x'−x‖ = %.4g ≤ R/2 = %.4g ≤ M = 10^%.1f%n",
          "given".equals(w.point()) ? "given x" : w.point(), w.ratio(), w.bounds().tight(), w.bounds().paperLog10M());
    }
    DataShift.Result d = s.dataShift();
    out.printf(Locale.ROOT, "  data shift (one attention layer): ‖b'−b‖/‖A'−A‖₂ = %.4g ≤ ‖x‖/2 = %.4g ≤ R/2 = %.4g"
        + " ≤ M = 10^%.1f%n", d.ratio(), d.normBound(), d.bounds().tight(), d.bounds().paperLog10M());
    IclExperiment.Result e = report.experiment();
    if (e != null) {
      int last = e.steps()[e.steps().length - 1];
      for (IclExperiment.Summary c : e.curves()) {
        Measures m = c.finalMean();
        out.printf(Locale.ROOT, "  experiment n = %d, d = %d after %d steps: Model Cos %.3f, Preds Diff %.3g,"
            + " query loss attention %.3g vs one-step GD %.3g%n", c.n(), c.d(), last, m.modelCos(), m.predsDiff(),
            m.lossAttention(), m.lossGd());
      }
    }
    out.printf(Locale.ROOT, "Results in %s%n", dir);
    out.flush();
  }
}
