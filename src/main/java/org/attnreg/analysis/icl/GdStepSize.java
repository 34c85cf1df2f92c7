package org.attnreg.analysis.icl;

import java.util.List;
import org.attnreg.linalg.Vectors;

/**
 * Chooses the step η of the one-step GD model as the minimiser of its mean query loss
 * {@code ½(ŷ_gd − y_q)²} over a set of tuning tasks (disjoint from the evaluation tasks), as
 * von Oswald et al. tune their GD baseline: a grid over {@code η = n²·10^t}, t ∈ [−3, 3] in steps of
 * 0.1 ({@code n²} is the natural scale, since ∇L(0) carries a factor 1/n²), then a golden-section
 * refinement of t between the best grid point's neighbours.
 */
final class GdStepSize {
  private static final double T_MIN = -3.0;
  private static final double T_MAX = 3.0;
  private static final double T_STEP = 0.1;
  private static final int GOLDEN_ITERATIONS = 40;

  private final double[] zq;
  private final double[][] z;
  private final double[] yq;
  private final double scale;

  private GdStepSize(List<IclTask> tasks) {
    int count = tasks.size();
    zq = new double[count];
    z = new double[count][];
    yq = new double[count];
    for (int t = 0; t < count; t++) {
      IclTask task = tasks.get(t);
      double[] dir = GdModel.direction(task);
      zq[t] = Vectors.dot(task.aq(), dir);
      z[t] = Dense.times(task.a(), dir);
      yq[t] = task.yq();
    }
    double n = tasks.get(0).n();
    scale = n * n;
  }

  /** The tuned η for these tasks. */
  static double tune(List<IclTask> tasks) {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("tuning the GD step needs at least one task");
    }
    GdStepSize s = new GdStepSize(tasks);
    double best = T_MIN;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double t = T_MIN; t <= T_MAX + 1e-9; t += T_STEP) {
      double loss = s.loss(t);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = t;
      }
    }
    return s.scale * Math.pow(10.0, s.golden(best - T_STEP, best + T_STEP));
  }

  private double golden(double lo, double hi) {
    double phi = (Math.sqrt(5.0) - 1.0) / 2.0;
    double a = lo;
    double b = hi;
    for (int k = 0; k < GOLDEN_ITERATIONS; k++) {
      double c = b - phi * (b - a);
      double d = a + phi * (b - a);
      if (loss(c) <= loss(d)) {
        b = d;
      } else {
        a = c;
      }
    }
    return 0.5 * (a + b);
  }

  /** Mean ½(ŷ_gd − y_q)² at η = scale·10^t; non-finite losses count as +∞. */
  private double loss(double t) {
    double eta = scale * Math.pow(10.0, t);
    double sum = 0.0;
    double[] zt = null;
    for (int k = 0; k < yq.length; k++) {
      if (zt == null || zt.length != z[k].length) {
        zt = new double[z[k].length];
      }
      for (int i = 0; i < zt.length; i++) {
        zt[i] = eta * z[k][i];
      }
      double e = GdModel.predict(eta * zq[k], zt) - yq[k];
      sum += 0.5 * e * e;
    }
    double mean = sum / yq.length;
    return Double.isFinite(mean) ? mean : Double.POSITIVE_INFINITY;
  }
}
