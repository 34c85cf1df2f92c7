package org.attnreg.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as a reader wants them on the page: a few significant digits, seconds with their unit. */
final class Numbers {
  /** What the page shows for a value that does not exist (no step from the last iterate). */
  static final String NONE = "—";

  private Numbers() {}

  /**
   * {@code v} rounded to {@code digits} significant digits: plain between 0.001 and 10⁶ without
   * trailing zeros ({@code 0.5}, {@code 1234.5}), scientific outside ({@code 4.132456e-08}).
   */
  static String significant(double v, int digits) {
    if (Double.isNaN(v)) {
      return NONE;
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    if (v == 0.0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e6) {
      return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
  }

  /** Seconds with their unit, to the millisecond: {@code 0.905 s}. */
  static String seconds(double s) {
    return Double.isFinite(s) ? String.format(Locale.ROOT, "%.3f s", s) : NONE;
  }
}
