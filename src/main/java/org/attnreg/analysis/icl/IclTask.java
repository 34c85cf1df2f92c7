package org.attnreg.analysis.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attnreg.linalg.Vectors;

/**
 * One synthetic in-context softmax-regression task (see {@link IclExperiment} for the construction):
 * a context of n rows {@code a_i} with labels {@code y_i = n·softmax(Ax*)_i}, and a query row
 * {@code a_q} whose label {@code y_q = exp(a_q·x* − log((1/n)Σ_i exp(a_i·x*)))} uses the context's
 * normaliser (so for a context row, y_i is exactly this formula).
 *
 * @param a the context rows, n×d
 * @param y the context labels (mean exactly 1)
 * @param aq the query row
 * @param yq the query label
 */
public record IclTask(double[][] a, double[] y, double[] aq, double yq) {

  public int n() {
    return a.length;
  }

  public int d() {
    return aq.length;
  }

  /**
   * Draws a task: {@code x* ~ N(0, I_d)}, rows {@code a_i, a_q ~ N(0, I_d/d)} (so margins are about
   * N(0,1) and ‖a_i‖ ≈ 1), labels as in the class comment.
   */
  public static IclTask sample(int n, int d, SplittableRandom rnd) {
    double[] xStar = Gaussians.vector(d, 1.0, rnd);
    double sigma = 1.0 / Math.sqrt(d);
    double[][] a = Gaussians.matrix(n, d, sigma, rnd);
    double[] aq = Gaussians.vector(d, sigma, rnd);
    double[] z = Dense.times(a, xStar);
    double logMean = Softmax.logSumExp(z) - Math.log(n);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = Math.exp(z[i] - logMean);
    }
    return new IclTask(a, y, aq, Math.exp(Vectors.dot(aq, xStar) - logMean));
  }

  /** {@code count} tasks from one seed. */
  public static List<IclTask> sample(int n, int d, int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<IclTask> tasks = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      tasks.add(sample(n, d, rnd));
    }
    return tasks;
  }
}
