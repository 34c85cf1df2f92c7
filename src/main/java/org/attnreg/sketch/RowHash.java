package org.attnreg.sketch;

/**
 * Counter-based randomness: every random number a sketch uses is a pure function of
 * {@code (seed, iteration, global row id, draw index)}, computed with the splitmix64 finaliser.
 * The same seed therefore gives the same sketch whatever the partitioning, and a recomputed
 * partition (task retry, lost cache) contributes exactly what it contributed before.
 */
final class RowHash {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double TO_UNIT = 0x1.0p-53;
  /** Row-id stream used for driver-side draws (the JL projection), disjoint from real row ids ≥ 0. */
  static final long DRIVER_STREAM = Long.MIN_VALUE;

  private RowHash() {}

  /** The splitmix64 finaliser: a bijection of 64-bit words with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The key of one row at one iteration; all of that row's draws derive from it. */
  static long rowKey(long seed, long iteration, long rowId) {
    return mix(mix(mix(seed + GOLDEN) ^ (iteration * GOLDEN + 1)) ^ (rowId + GOLDEN * 3));
  }

  /** Draw number k (k ≥ 0) of a row key: 64 independent-looking bits. */
  static long draw(long key, long k) {
    return mix(key + (k + 1) * GOLDEN);
  }

  /** A uniform double in [0, 1) from 64 random bits (the top 53). */
  static double unit(long bits) {
    return (bits >>> 11) * TO_UNIT;
  }

  /** A standard normal variate from draws 2k and 2k+1 of the key (Box–Muller, cosine branch). */
  static double gaussian(long key, long k) {
    double u = 1.0 - unit(draw(key, 2 * k)); // in (0, 1]: the logarithm stays finite
    double v = unit(draw(key, 2 * k + 1));
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
