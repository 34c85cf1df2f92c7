package org.attnreg.job;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.FittedLink;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;

/**
 * A planted instance: rows {@code a_i} drawn from a generator keyed by (seed, row index) — so any
 * row can be regenerated anywhere, in any partitioning — a planted {@code x*}, and targets
 * {@code b_i = f_i(x*)} (the family's exact fit) plus optional Gaussian noise.
 *
 * <p>Entries of A are {@code N(0, 1/(ρd))} with density ρ (each entry non-zero with probability ρ),
 * so that margins {@code a_i·x*} have standard deviation about {@code ‖x*‖/√d}. With {@code digits
 * > 0} entries are rounded to that many decimals before b is computed, so a compact text file holds
 * A exactly and {@code x*} stays an exact solution. With {@code condition = κ > 1} column j is
 * further scaled by {@code κ^{-j/(d-1)}}, so the column scales span [1/κ, 1] and cond(A) ≈ κ: the
 * ill-conditioned instances on which first-order methods slow down and Newton does not.
 *
 * @param family the family id
 * @param n rows
 * @param d columns
 * @param seed the seed of everything random
 * @param noise standard deviation of the noise added to b (0: exact fit)
 * @param density ρ, the fraction of non-zeros (1: dense)
 * @param xScale the entries of x* are N(0, xScale²)
 * @param digits decimals kept in the entries of A (0: full precision)
 * @param condition κ ≥ 1, the spread of the column scales (1: every column alike)
 */
public record PlantedInstance(String family, long n, int d, long seed, double noise, double density, double xScale,
    int digits, double condition) implements Serializable {

  public PlantedInstance {
    LossFamilies.byId(family);
    if (n < 1 || d < 1) {
      throw new IllegalArgumentException("--n and --d must be positive: n = " + n + ", d = " + d);
    }
    if (!(density > 0.0 && density <= 1.0)) {
      throw new IllegalArgumentException("--density must be in (0, 1]: " + density);
    }
    if (!(noise >= 0.0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("--noise must be finite and ≥ 0: " + noise);
    }
    if (!(xScale > 0.0) || !Double.isFinite(xScale)) {
      throw new IllegalArgumentException("--x-scale must be finite and > 0: " + xScale);
    }
    if (digits < 0 || digits > 17) {
      throw new IllegalArgumentException("--digits must be in 0..17: " + digits);
    }
    if (!(condition >= 1.0) || !Double.isFinite(condition)) {
      throw new IllegalArgumentException("--condition must be finite and ≥ 1: " + condition);
    }
  }

  /** An instance whose columns are all alike (condition 1). */
  public PlantedInstance(String family, long n, int d, long seed, double noise, double density, double xScale,
      int digits) {
    this(family, n, d, seed, noise, density, xScale, digits, 1.0);
  }

  public LossFamily lossFamily() {
    return LossFamilies.byId(family);
  }

  public boolean sparse() {
    return density < 1.0;
  }

  /** x*, entries N(0, xScale²). */
  public double[] xStar() {
    SplittableRandom rnd = new SplittableRandom(mix(seed, -1L));
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      x[j] = xScale * gaussian(rnd);
    }
    return x;
  }

  /** Row i's non-zeros: writes columns and values, returns their count. */
  public int row(long i, int[] columns, double[] values) {
    SplittableRandom rnd = new SplittableRandom(mix(seed, i));
    double sd = 1.0 / Math.sqrt(density * d);
    double round = digits > 0 ? Math.pow(10, digits) : 0.0;
    double logDecay = condition > 1.0 && d > 1 ? Math.log(condition) / (d - 1) : 0.0;
    int count = 0;
    for (int j = 0; j < d; j++) {
      if (density < 1.0 && rnd.nextDouble() >= density) {
        continue;
      }
      double v = sd * gaussian(rnd);
      if (logDecay > 0.0) {
        v *= Math.exp(-j * logDecay); // condition 1 leaves the rows bit for bit as they always were
      }
      if (round > 0) {
        v = Math.rint(v * round) / round;
      }
      if (v != 0.0) {
        columns[count] = j;
        values[count] = v;
        count++;
      }
    }
    return count;
  }

  /** Noise for row i's target (0 when noise is 0), independent of the row's entries. */
  /** The family's fitted link, which turns x* into exact-fit targets. */
  public FittedLink link() {
    if (!(lossFamily() instanceof FittedLink link)) {
      throw new IllegalArgumentException("family " + family + " has no fitted link: no planted targets can be made");
    }
    return link;
  }

  /**
   * Row i's target {@code b_i = f_i(x*) + noise_i}, its entries being {@code (columns, values)[0..count)}
   * and {@code at} the globals of a value pass at x* over the unlabelled rows.
   */
  public double target(long i, int[] columns, double[] values, int count, double[] xStar, Globals at) {
    double z = 0.0;
    for (int k = 0; k < count; k++) {
      z += values[k] * xStar[columns[k]];
    }
    return link().prediction(z, at) + noiseFor(i);
  }

  public double noiseFor(long i) {
    return noise == 0.0 ? 0.0 : noise * gaussian(new SplittableRandom(mix(seed ^ 0x5DEECE66DL, i)));
  }

  /** Rows [from, to) as blocks with b = 0 (for the value pass that fixes the planted targets). */
  public Iterable<RowBlock> unlabelledBlocks(long from, long to) {
    return () -> new java.util.Iterator<>() {
      private long next = from;
      private final int[] columns = new int[d];
      private final double[] values = new double[d];
      private final int blockRows = BlockBuilder.defaultBlockRows(d);

      @Override
      public boolean hasNext() {
        return next < to;
      }

      @Override
      public RowBlock next() {
        BlockBuilder builder = new BlockBuilder(d, blockRows, sparse());
        while (next < to && !builder.isFull()) {
          int count = row(next, columns, values);
          builder.addSparse(next, 0.0, columns, values, count);
          next++;
        }
        return builder.build();
      }
    };
  }

  /** splitmix64 finaliser of (seed, index): independent streams for every row. */
  static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double gaussian(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rnd.nextDouble());
  }
}
