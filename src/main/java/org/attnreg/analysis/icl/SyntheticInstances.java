package org.attnreg.analysis.icl;

import java.util.SplittableRandom;

/**
 * A seeded synthetic softmax-regression instance for when no input is given: rows
 * {@code a_i ~ N(0, I_d/d)}, a planted {@code x* ~ N(0, I_d)} (so margins are about N(0,1)), and a
 * target {@code b = softmax(Ax* + σξ)} with ξ ~ N(0, I_n). The noise keeps b in the simplex but makes
 * it unreachable exactly, so the solution has a non-zero residual, as real data would.
 */
public final class SyntheticInstances {
  /** The default target noise σ. */
  public static final double DEFAULT_NOISE = 0.5;

  private SyntheticInstances() {}

  public static SoftmaxInstance generate(int n, int d, long seed) {
    return generate(n, d, seed, DEFAULT_NOISE);
  }

  public static SoftmaxInstance generate(int n, int d, long seed, double noise) {
    if (n < 1 || d < 1) {
      throw new IllegalArgumentException("n and d must be positive: n = " + n + ", d = " + d);
    }
    SplittableRandom rnd = new SplittableRandom(Gaussians.seed(seed, n, d));
    double[][] a = Gaussians.matrix(n, d, 1.0 / Math.sqrt(d), rnd);
    double[] xStar = Gaussians.vector(d, 1.0, rnd);
    double[] z = Dense.times(a, xStar);
    for (int i = 0; i < n; i++) {
      z[i] += noise * Gaussians.next(rnd);
    }
    return new SoftmaxInstance(a, Softmax.of(z));
  }
}
