package org.attnreg.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The points one value pass evaluates: {@code x − t_k·s} for every step {@code t_k}. Margins are
 * linear in the point, so a block needs only {@code A x} and {@code A s}, whatever the number of
 * steps: a whole backtracking line search costs one pass and two matrix-vector products per block.
 *
 * @param x the base point
 * @param direction the step direction s, or {@code null} when only x itself is evaluated
 * @param steps the step sizes t_k (0 evaluates x itself)
 */
public record LineBatch(double[] x, double[] direction, double[] steps) implements Serializable {

  public LineBatch {
    if (direction != null && direction.length != x.length) {
      throw new IllegalArgumentException("direction has length " + direction.length + ", x has " + x.length);
    }
    if (steps.length == 0) {
      throw new IllegalArgumentException("a line batch needs at least one step");
    }
  }

  /** Just the point x. */
  public static LineBatch at(double[] x) {
    return new LineBatch(x, null, new double[] {0.0});
  }

  public int size() {
    return steps.length;
  }

  /** The k-th point {@code x − t_k s}. */
  public double[] point(int k) {
    double[] p = x.clone();
    if (direction != null) {
      double t = steps[k];
      for (int j = 0; j < p.length; j++) {
        p[j] -= t * direction[j];
      }
    }
    return p;
  }

  @Override
  public String toString() {
    return "LineBatch[d=" + x.length + ", steps=" + Arrays.toString(steps) + "]";
  }
}
