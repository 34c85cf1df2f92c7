package org.attnreg.solver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.attnreg.linalg.Vectors;

/**
 * Recognises an infimum that is not attained: over {@link #WINDOW} consecutive Newton steps the loss
 * falls geometrically (each step by at least the factor {@link #LOSS_FACTOR}) while ‖x‖ grows every
 * step and the steps do not shorten (each at least {@link #STEADY} of the window's first). A
 * converging iteration cannot do this: its steps shrink about as fast as the square root of the
 * loss, so a loss factor ≤ 0.8 per step would shrink the steps to 0.8² ≈ 0.64 of the first within
 * the window. The typical case is rescaled exp with an intercept column (maths.md §9.3):
 * {@code L(x + te) = e^{2t}L(x)}, and Newton walks off along −e with constant steps.
 */
final class UnboundedDetector {
  static final int WINDOW = 5;
  static final double LOSS_FACTOR = 0.8;
  static final double STEADY = 0.8;

  private final Deque<double[]> points = new ArrayDeque<>();
  private final Deque<Double> losses = new ArrayDeque<>();
  private String explanation = "";

  UnboundedDetector() {}

  /** A detector that continues from a window saved by {@link #points()} and {@link #losses()}. */
  UnboundedDetector(List<double[]> points, List<Double> losses) {
    points.forEach(x -> this.points.addLast(x.clone()));
    this.losses.addAll(losses);
  }

  /** The window of iterates, oldest first (copies). */
  List<double[]> points() {
    return points.stream().map(double[]::clone).toList();
  }

  /** The losses of {@link #points()}. */
  List<Double> losses() {
    return List.copyOf(losses);
  }

  /** Records iterate x with loss; true when the last {@link #WINDOW} steps look unbounded. */
  boolean observe(double loss, double[] x) {
    points.addLast(x.clone());
    losses.addLast(loss);
    if (points.size() > WINDOW + 1) {
      points.removeFirst();
      losses.removeFirst();
    }
    return points.size() == WINDOW + 1 && windowIsUnbounded();
  }

  private boolean windowIsUnbounded() {
    double[][] x = points.toArray(new double[0][]);
    Double[] l = losses.toArray(new Double[0]);
    double firstStep = distance(x[1], x[0]);
    for (int j = 1; j <= WINDOW; j++) {
      boolean geometric = l[j - 1] > 0.0 && l[j] <= LOSS_FACTOR * l[j - 1];
      boolean growing = Vectors.norm(x[j]) > Vectors.norm(x[j - 1]);
      boolean steady = distance(x[j], x[j - 1]) >= STEADY * firstStep;
      if (!(geometric && growing && steady)) {
        return false;
      }
    }
    explanation = "the loss fell from " + l[0] + " to " + l[WINDOW] + " over the last " + WINDOW
        + " steps while ‖x‖ grew steadily from " + Vectors.norm(x[0]) + " to " + Vectors.norm(x[WINDOW])
        + ": the infimum is approached as ‖x‖ → ∞ and no minimiser exists";
    return true;
  }

  /** Why the last {@link #observe} returned true. */
  String explanation() {
    return explanation;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }
}
