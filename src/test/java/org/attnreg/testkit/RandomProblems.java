package org.attnreg.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.FittedLink;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;

/** Seeded random matrices and planted instances for tests, built without Spark. */
public final class RandomProblems {
  private RandomProblems() {}

  /** An n×d matrix with entries N(0, scale²/d), row-major. */
  public static double[][] gaussianRows(int n, int d, double scale, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] a = new double[n][d];
    double s = scale / Math.sqrt(d);
    for (double[] row : a) {
      for (int j = 0; j < d; j++) {
        row[j] = s * gaussian(rnd);
      }
    }
    return a;
  }

  public static double[] gaussianVector(int d, double scale, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = scale * gaussian(rnd);
    }
    return v;
  }

  public static double gaussian(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rnd.nextDouble());
  }

  /** Splits rows into blocks of {@code blockRows}, each block its own partition. */
  public static List<List<RowBlock>> partitions(double[][] a, double[] b, int blockRows, boolean sparse) {
    return partitions(a, b, null, blockRows, sparse);
  }

  /**
   * Splits rows with their squared regulariser weights {@code w2} (null: rows without weights) into
   * blocks of {@code blockRows}, each block its own partition.
   */
  public static List<List<RowBlock>> partitions(double[][] a, double[] b, double[] w2, int blockRows,
      boolean sparse) {
    List<List<RowBlock>> parts = new ArrayList<>();
    BlockBuilder builder = new BlockBuilder(a[0].length, blockRows, sparse, w2 != null);
    for (int i = 0; i < a.length; i++) {
      builder.addDense(i, b[i], w2 == null ? Double.NaN : w2[i], a[i]);
      if (builder.isFull()) {
        parts.add(List.of(builder.build()));
      }
    }
    if (!builder.isEmpty()) {
      parts.add(List.of(builder.build()));
    }
    return parts;
  }

  /** Squared row weights w_i² uniform in [0, max), some exactly 0 (seeded). */
  public static double[] rowWeights2(int n, double max, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] w2 = new double[n];
    for (int i = 0; i < n; i++) {
      w2[i] = i % 7 == 3 ? 0.0 : max * rnd.nextDouble();
    }
    return w2;
  }

  /** All rows in a single block. */
  public static List<RowBlock> oneBlock(double[][] a, double[] b, boolean sparse) {
    return partitions(a, b, a.length, sparse).get(0);
  }

  /** b_i = the family's planted target at margin a_i·x* (b is the family's exact fit at x*). */
  public static double[] plantedTargets(LossFamily family, double[][] a, double[] xStar) {
    double[] zero = new double[a.length];
    Problem problem = new Problem(family, Regularizer.NONE, xStar.length);
    EvaluatedPoint at = LocalEvaluator.of(problem, oneBlock(a, zero, false)).values(LineBatch.at(xStar), 0)[0];
    FittedLink link = (FittedLink) family;
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = link.prediction(dot(a[i], xStar), at.globals());
    }
    return b;
  }

  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
