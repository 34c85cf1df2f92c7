package org.attnreg.analysis.icl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.ToDoubleFunction;

/**
 * Central differences with the step scaled to |x_j| (STYLE.md §6 rule 6); a coordinate passes if the
 * relative or the absolute error is within tolerance, and a failure names the quantity, the coordinate
 * and both values.
 */
final class FiniteDifferences {
  static final double STEP = 1e-5;
  static final double TOLERANCE = 1e-6;

  private FiniteDifferences() {}

  static void assertGradient(String what, ToDoubleFunction<double[]> f, double[] x, double[] exact) {
    for (int j = 0; j < x.length; j++) {
      double h = STEP * Math.max(1.0, Math.abs(x[j]));
      double[] up = x.clone();
      double[] down = x.clone();
      up[j] += h;
      down[j] -= h;
      double numeric = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2.0 * h);
      double abs = Math.abs(numeric - exact[j]);
      double rel = abs / Math.max(Math.abs(numeric), Math.abs(exact[j]));
      if (abs > TOLERANCE && rel > TOLERANCE) {
        fail(what + ": coordinate " + j + " exact " + exact[j] + " vs finite difference " + numeric);
      }
    }
  }
}
