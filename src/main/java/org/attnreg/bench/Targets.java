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
    return out;
  }

  private static String[] row(String target, String measured, boolean met) {
    return new String[] {target, measured, met ? "yes" : "**no**"};
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f %%", 100 * v);
  }
}
