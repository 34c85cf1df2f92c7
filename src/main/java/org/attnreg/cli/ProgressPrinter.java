package org.attnreg.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;

/** Prints one line per Newton iterate: the user's view of a long solve. */
final class ProgressPrinter implements IterationListener {
  private final PrintWriter out;
  private final String prefix;
  private boolean headerPrinted;

  ProgressPrinter(PrintWriter out, String prefix) {
    this.out = out;
    this.prefix = prefix;
  }

  @Override
  public void onIteration(IterationRecord r, double[] x) {
    if (!headerPrinted) {
      out.printf(Locale.ROOT, "%s%4s  %-13s %-10s %-10s %-8s %-9s %s%n", prefix, "iter", "loss", "|grad|", "decrement",
          "step", "damping", "seconds");
      headerPrinted = true;
    }
    // No step is taken from the last iterate: its decrement and step are blank, not NaN.
    out.printf(Locale.ROOT, "%s%4d  %-13.6e %-10.3e %-10s %-8s %-9.2g %.2f%s%n", prefix, r.iteration(), r.loss(),
        r.gradientNorm(), orBlank("%.3e", r.decrement()), orBlank("%.3g", r.stepSize()), r.damping(),
        r.derivativeSeconds() + r.valueSeconds(), r.note().isEmpty() ? "" : "  " + r.note());
    out.flush();
  }

  private static String orBlank(String format, double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }
}
