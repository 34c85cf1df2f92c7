package org.attnreg.bench;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;

/**
 * Per-iterate progress of one solve, seen through its listener: wall time since {@link #start},
 * loss, gradient norm and relative error to a planted x*. Lets a section ask "when did this solve
 * first reach loss ℓ / accuracy ε" without re-running it.
 */
final class SolveTrace implements IterationListener {
  /** One iterate. */
  record Point(double seconds, double loss, double gradientNorm, double relativeError, int passes) {}

  private final double[] xStar;
  private final int passesBefore;
  private final List<Point> points = new ArrayList<>();
  private long start = System.nanoTime();
  private int passes;

  /**
   * @param passesBefore passes a Newton solve makes before its first derivative pass (the value
   *     pass at x₀, plus one for a least-squares start)
   */
  SolveTrace(double[] xStar, int passesBefore) {
    this.xStar = xStar;
    this.passesBefore = passesBefore;
    start();
  }

  void start() {
    start = System.nanoTime();
    points.clear();
    passes = passesBefore;
  }

  /**
   * A Newton iterate: its derivative pass (none when a fused pass delivered its derivatives), then
   * (for the next iterate) its line search's passes.
   */
  @Override
  public void onIteration(IterationRecord record, double[] x) {
    add(record.loss(), record.gradientNorm(), x, record.passes() - record.valuePasses());
    passes += record.valuePasses();
  }

  /** An iterate reached after {@code newPasses} more passes over the data. */
  void add(double loss, double gradientNorm, double[] x, int newPasses) {
    passes += newPasses;
    points.add(new Point((System.nanoTime() - start) * 1e-9, loss, gradientNorm, relativeError(x, xStar), passes));
  }

  List<Point> points() {
    return List.copyOf(points);
  }

  /** The first iterate with loss ≤ target (to 9 significant digits), or null. */
  Point firstWithLoss(double target) {
    double slack = 1e-9 * Math.abs(target);
    return points.stream().filter(p -> p.loss() <= target + slack).findFirst().orElse(null);
  }

  /** The index of the first iterate with relative error ≤ eps, or −1. */
  int firstWithinError(double eps) {
    for (int k = 0; k < points.size(); k++) {
      if (points.get(k).relativeError() <= eps) {
        return k;
      }
    }
    return -1;
  }

  static double relativeError(double[] x, double[] xStar) {
    double num = 0.0;
    double den = 0.0;
    for (int j = 0; j < x.length; j++) {
      num += (x[j] - xStar[j]) * (x[j] - xStar[j]);
      den += xStar[j] * xStar[j];
    }
    return Math.sqrt(num / den);
  }
}
