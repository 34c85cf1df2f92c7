package org.attnreg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The performance targets, checked against the measured figures. */
final class Targets {
  private Targets() {}

  static List<String[]> check(Results r) {
    List<String[]> out = new ArrayList<>();
    for (Results.Figure f : r.section(PassBench.SECTION)) {
      if (f.metric().equals("fraction of bandwidth bound (median)") && f.subject().equals("value pass (spark)")
          && f.setting().endsWith("d=128")) {
        out.add(row("value pass at d = 128 ≥ 50 % of the bandwidth bound (" + f.setting() + ")",
            pct(f.value()), f.value() >= 0.5));
      }
      if (f.metric().equals("x plain java")) {
        out.add(row(f.subject() + " within 1.5× of the plain-Java loop (" + f.setting() + ")",
            String.format(Locale.ROOT, "%.2f×", f.value()), f.value() <= 1.5));
      }
    }
    for (Results.Figure f : r.section(GramChoiceBench.SECTION)) {
      if (f.metric().equals(GramChoiceBench.AGAINST_VECTOR)) {
        out.add(row("derivative pass with the probe's Gram kernel within 1.1× of the forced Vector-API kernel ("
            + f.subject().replaceAll(".*\\(|\\)", "") + " chosen; " + f.setting() + ")",
            String.format(Locale.ROOT, "%.2f×", f.value()), f.value() <= 1.1));
      }
    }
    for (Results.Figure f : r.section(GlrBench.SECTION)) {
      if (f.metric().equals("speed-up over GLR to the same loss")) {
        out.add(row("≥ 3× faster than Spark GLR to the same loss (" + f.setting() + ")",
            String.format(Locale.ROOT, "%.2f×", f.value()), f.value() >= 3));
      }
    }
    for (Results.Figure f : r.section(LbfgsBench.SECTION)) {
      if (f.metric().equals("fewer passes than L-BFGS (x)")) {
        double speed = r.value(LbfgsBench.SECTION, f.subject(), f.setting(), "speed-up over L-BFGS");
        boolean newtonReached = r.value(LbfgsBench.SECTION, f.subject(), f.setting(), LbfgsBench.REACHED) == 1;
        boolean lbfgsReached = r.value(LbfgsBench.SECTION, "breeze L-BFGS", f.setting(), LbfgsBench.REACHED) == 1;
        // An L-BFGS run that stopped short would have needed more passes: the ratios are then lower bounds.
        String bound = lbfgsReached ? "" : "≥ ";
        out.add(row("≥ 5× fewer passes than L-BFGS, and faster (" + f.setting() + ")",
            String.format(Locale.ROOT, "%s%.1f× fewer passes, %s%.2f× faster%s", bound, f.value(), bound, speed,
                lbfgsReached ? "" : " (L-BFGS stopped short of the tolerance)"),
            newtonReached && f.value() >= 5 && speed > 1));
      }
    }
    for (Results.Figure f : r.section(ScalingBench.SECTION)) {
      if (f.metric().equals("seconds per 10^6 rows")) {
        double fixed = r.value(ScalingBench.SECTION, f.subject(), f.setting(), "fixed seconds (intercept)");
        double top = r.value(ScalingBench.SECTION, f.subject(), f.setting(), "log-log slope (two largest n)");
        out.add(row(f.subject().replace(" fit", "") + " linear in n (" + f.setting() + "; log-log slope of the"
            + " two largest n within 0.8–1.2)", String.format(Locale.ROOT,
                "t = %.3f s + %.3f s per 10^6 rows; slope %.2f", fixed, f.value(), top), top >= 0.8 && top <= 1.2));
      }
    }
    sketch(r, out);
    endToEnd(r, out);
    return out;
  }

  /** The sketch section's targets: exact ÷ auto where the case names one, auto within 15 % of the better choice. */
  private static void sketch(Results r, List<String[]> out) {
    for (Results.Figure f : r.section(SketchBench.SECTION)) {
      double v = f.value();
      if (f.metric().equals(SketchBench.EXACT_OVER_AUTO)) {
        double goal = r.value(SketchBench.SECTION, "target", f.setting(), SketchBench.TARGET);
        if (!Double.isNaN(goal)) {
          out.add(row(String.format(Locale.ROOT, "exact ÷ auto ≥ %.2f× (%s)", goal, f.setting()),
              String.format(Locale.ROOT, "%.2f×", v), v >= goal));
        }
      } else if (f.metric().equals(SketchBench.AUTO_OVER_BETTER)) {
        out.add(row("auto within 15 % of the better of exact and the default sketch (" + f.setting() + ")",
            String.format(Locale.ROOT, "%.2f×", v), v <= 1.15));
      }
    }
  }

  /** The e2e section's targets, and a row for every case that could not run, saying why. */
  private static void endToEnd(Results r, List<String[]> out) {
    String e2e = E2eBench.SECTION;
    for (Results.Figure f : r.section(e2e)) {
      String where = " (" + f.subject() + ", " + f.setting() + ")";
      double v = f.value();
      switch (f.metric()) {
        case E2eBench.QUADRATIC -> {
          boolean estimated = r.value(e2e, f.subject(), f.setting(), E2eBench.ESTIMATED) == 1;
          int iterations = (int) r.value(e2e, f.subject(), f.setting(), "quadratic-phase iterations");
          out.add(row("passes per iteration in the quadratic phase ≤ 1.2" + where, Double.isNaN(v)
              ? "no iteration in the quadratic phase"
              : String.format(Locale.ROOT, "%.2f over %d iterations%s", v, iterations,
                  estimated ? " (estimated: the trace has no passes column)" : ""), v <= 1.2));
        }
        case E2eBench.OVER_FLOOR -> out.add(row("seconds per iteration ≤ 2× the floor" + where,
            String.format(Locale.ROOT, "%.3f s per iteration, %.1f× the floor of %.3f s",
                r.value(e2e, f.subject(), f.setting(), E2eBench.PER_ITERATION), v,
                r.value(e2e, f.subject(), f.setting(), E2eBench.FLOOR)), v <= 2));
        case E2eBench.OVER_SCIPY -> out.add(row("solve time ≥ 3× faster than scipy trust-exact" + where,
            String.format(Locale.ROOT, "%.3g s against %.3g s: %.3g×",
                r.value(e2e, f.subject(), f.setting(), E2eBench.SOLVE),
                r.value(e2e, E2eBench.scipyPeer(f.subject()), f.setting(),
                    E2eBench.SOLVE), v), v >= 3));
        case E2eBench.MEDIAN_SOLVE -> {
          double whole = r.value(e2e, f.subject(), f.setting(), E2eBench.MEDIAN_WHOLE);
          out.add(row("solve ≤ 0.3 s and whole command ≤ 6 s" + where,
              String.format(Locale.ROOT, "%.2f s / %.1f s", v, whole), v <= 0.3 && whole <= 6));
        }
        case E2eBench.OVER_GLR -> out.add(row("solve time ≥ 3× faster than Spark GLR, cold, separate JVMs" + where,
            String.format(Locale.ROOT, "%.3g s against GLR's %.3g s: %.3g×",
                r.value(e2e, f.subject(), f.setting(), E2eBench.SOLVE),
                r.value(e2e, E2eBench.GLR, f.setting(), E2eBench.SOLVE), v), v >= 3));
        case E2eBench.SKIPPED -> {
          String[] parts = f.subject().split(" — " + E2eBench.SKIPPED + ": ", 2);
          out.add(new String[] {"e2e: " + parts[0] + (f.setting().isEmpty() ? "" : " (" + f.setting() + ")"),
              "skipped: " + (parts.length > 1 ? parts[1] : ""), "skipped"});
        }
        default -> { }
      }
    }
  }

  private static String[] row(String target, String measured, boolean met) {
    return new String[] {target, measured, met ? "yes" : "**no**"};
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f %%", 100 * v);
  }
}
