package org.attnreg.analysis.icl;

import java.util.SplittableRandom;

/**
 * Seeded normal draws and seed derivation. Every random choice of the analyses comes from a
 * {@link SplittableRandom} seeded by {@link #seed} from the user's seed and the indices that name
 * the draw (setting, repetition, purpose, step), so any part can be reproduced on its own.
 */
final class Gaussians {
  private Gaussians() {}

  /** A standard normal draw (Box–Muller). */
  static double next(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rnd.nextDouble());
  }

  /** An r×c matrix with N(0, σ²) entries. */
  static double[][] matrix(int r, int c, double sigma, SplittableRandom rnd) {
    double[][] m = new double[r][c];
    for (double[] row : m) {
      fill(row, sigma, rnd);
    }
    return m;
  }

  static double[] vector(int d, double sigma, SplittableRandom rnd) {
    double[] v = new double[d];
    fill(v, sigma, rnd);
    return v;
  }

  /**
   * Fills v with N(0, σ²) draws, two at a time by Marsaglia's polar method (no trigonometry, both
   * outputs used): task sampling dominates the experiment's run time.
   */
  static void fill(double[] v, double sigma, SplittableRandom rnd) {
    int j = 0;
    while (j < v.length) {
      double u1 = 2.0 * rnd.nextDouble() - 1.0;
      double u2 = 2.0 * rnd.nextDouble() - 1.0;
      double s = u1 * u1 + u2 * u2;
      if (s >= 1.0 || s == 0.0) {
        continue;
      }
      double f = sigma * Math.sqrt(-2.0 * Math.log(s) / s);
      v[j++] = f * u1;
      if (j < v.length) {
        v[j++] = f * u2;
      }
    }
  }

  /** A seed mixed from {@code base} and any number of indices (SplitMix64 finaliser per index). */
  static long seed(long base, long... indices) {
    long h = mix(base);
    for (long index : indices) {
      h = mix(h ^ mix(index + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
