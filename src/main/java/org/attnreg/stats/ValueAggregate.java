package org.attnreg.stats;

import java.io.Serializable;
import java.util.Arrays;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.ValuePoint;
import org.attnreg.problem.ValueSums;

/**
 * The value-pass monoid: for each point of a {@link LineBatch}, a shift and the family's
 * {@link ValueSums} relative to it, plus {@code Σ w_i² z_i²} for the regulariser (w_i the rows' own
 * weights, 1 when the input has none).
 *
 * <p>Merge rule: the merged shift is {@code m = max(m_a, m_b)} and a sum of exp-degree k from side a
 * is multiplied by {@code e^{k(m_a − m)} ≤ 1}, so no partition's sums ever overflow, whatever the
 * margins. The empty aggregate (shift −∞, sums 0) is the identity.
 */
public final class ValueAggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LossFamily family;
  private final double[] shifts;
  private final ValueSums[] sums;
  /** {@code Σ w_i² z_i²} at each point (exp-degree 0). */
  private final double[] squares;
  private long rows;
  private transient double[] zx;
  private transient double[] zs;
  private transient double[] zt;

  private ValueAggregate(LossFamily family, int points) {
    this.family = family;
    this.shifts = new double[points];
    Arrays.fill(shifts, Double.NEGATIVE_INFINITY);
    this.sums = new ValueSums[points];
    for (int k = 0; k < points; k++) {
      sums[k] = family.newValueSums();
    }
    this.squares = new double[points];
  }

  /** The identity: no rows. */
  public static ValueAggregate empty(LossFamily family, int points) {
    return new ValueAggregate(family, points);
  }

  /** The value pass at every point of {@code batch}; {@code name} describes it in job descriptions. */
  public static BlockPass<RowBlock, LineBatch, ValueAggregate> pass(Problem problem, LineBatch batch, String name) {
    LossFamily family = problem.family();
    int points = batch.size();
    return new BlockPass<>(name, batch, () -> empty(family, points), (agg, block, b) -> agg.add(block, b),
        ValueAggregate::merge);
  }

  public long rows() {
    return rows;
  }

  /** Adds one block's rows for every point of the batch. */
  public ValueAggregate add(RowBlock block, LineBatch batch) {
    int n = block.rows();
    if (n == 0) {
      return this;
    }
    ensureScratch(n);
    if (batch.direction() != null) {
      block.margins(batch.x(), batch.direction(), zx, zs); // one sweep over the block for both
    } else {
      block.margins(batch.x(), zx);
    }
    double[] b = block.b();
    double[] w2 = block.w2();
    for (int k = 0; k < shifts.length; k++) {
      double t = batch.steps()[k];
      boolean atX = batch.direction() == null || t == 0.0;
      double[] z = atX ? zx : zt;
      // one sweep gives point k's margins, the block's shift and Σ w2 z²; the family's sweep follows
      rescaleTo(k, atX ? scan(zx, w2, n, k) : scanMoved(t, w2, n, k));
      sums[k].addRows(z, b, n, shifts[k]);
    }
    rows += n;
    return this;
  }

  /** The largest shift over margins z, adding {@code Σ w2_i z_i²} to point k's squares (w2_i = 1 when null). */
  private double scan(double[] z, double[] w2, int n, int k) {
    double m = Double.NEGATIVE_INFINITY;
    double sq = 0.0;
    for (int i = 0; i < n; i++) {
      double zi = z[i];
      double s = family.shiftOf(zi);
      if (!(s <= m)) {
        m = s; // also propagates NaN, so a non-finite point shows as a non-finite loss
      }
      sq += w2 == null ? zi * zi : w2[i] * zi * zi;
    }
    squares[k] += sq;
    return m;
  }

  /** As {@link #scan}, over the margins {@code zx − t·zs} of the point at step t, which it writes to zt. */
  private double scanMoved(double t, double[] w2, int n, int k) {
    double m = Double.NEGATIVE_INFINITY;
    double sq = 0.0;
    for (int i = 0; i < n; i++) {
      double zi = zx[i] - t * zs[i];
      zt[i] = zi;
      double s = family.shiftOf(zi);
      if (!(s <= m)) {
        m = s;
      }
      sq += w2 == null ? zi * zi : w2[i] * zi * zi;
    }
    squares[k] += sq;
    return m;
  }

  /** Raises point k's shift to at least {@code shift}, rescaling its sums. */
  private void rescaleTo(int k, double shift) {
    double current = shifts[k];
    if (shift > current || Double.isNaN(shift)) {
      sums[k].rescale(factor(current, shift));
      shifts[k] = shift;
    }
  }

  /** {@code e^{from − to}}, exactly 1 when the shifts agree (also when both are −∞: no rows yet). */
  private static double factor(double from, double to) {
    return from == to ? 1.0 : Math.exp(from - to);
  }

  /** {@code Σ w2_i z_i²}, with every w2_i = 1 when {@code w2} is null. */
  static double weightedSquares(double[] z, double[] w2, int n) {
    double s = 0.0;
    if (w2 == null) {
      for (int i = 0; i < n; i++) {
        s += z[i] * z[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        s += w2[i] * z[i] * z[i];
      }
    }
    return s;
  }

  /** Combines two aggregates (associative and commutative up to rounding); returns this. */
  public ValueAggregate merge(ValueAggregate other) {
    if (other.shifts.length != shifts.length) {
      throw new IllegalArgumentException("cannot merge value aggregates of different shapes");
    }
    for (int k = 0; k < shifts.length; k++) {
      double m = Math.max(shifts[k], other.shifts[k]); // NaN-propagating
      sums[k].rescale(factor(shifts[k], m));
      sums[k].addRescaled(other.sums[k], factor(other.shifts[k], m));
      squares[k] += other.squares[k];
      shifts[k] = m;
    }
    rows += other.rows;
    return this;
  }

  /**
   * Driver: the loss (data part plus regulariser) and globals at every point of the batch.
   *
   * @throws IllegalStateException if no row was seen
   */
  public EvaluatedPoint[] finish(LineBatch batch, Regularizer reg) {
    if (rows == 0) {
      throw new IllegalStateException("value pass saw no rows");
    }
    EvaluatedPoint[] out = new EvaluatedPoint[shifts.length];
    for (int k = 0; k < shifts.length; k++) {
      ValuePoint data = sums[k].finish(shifts[k]);
      double[] point = batch.point(k);
      double regLoss = 0.5 * reg.w2() * squares[k] + 0.5 * reg.ridge() * Vectors.dot(point, point);
      double loss = data.loss() + regLoss;
      double resolution = data.resolution() + 1e-15 * regLoss;
      out[k] = new EvaluatedPoint(batch.steps()[k], point, loss, resolution, data.globals());
    }
    return out;
  }

  private void ensureScratch(int n) {
    if (zx == null || zx.length < n) {
      zx = new double[n];
      zs = new double[n];
      zt = new double[n];
    }
  }
}
