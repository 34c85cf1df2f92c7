package org.attnreg.analysis.icl;

import java.util.SplittableRandom;

/**
 * The query, key and value matrices Q, K, V (each d×d) of one softmax self-attention layer acting on
 * the rows of A (maths.md §7, data shift).
 *
 * @param q Q
 * @param k K
 * @param v V
 * @param source where they came from, for the report
 */
public record AttentionWeights(double[][] q, double[][] k, double[][] v, String source) {

  public AttentionWeights {
    int d = q.length;
    check("Q", q, d);
    check("K", k, d);
    check("V", v, d);
  }

  /** Entries drawn N(0, scale²/d) from {@code seed}. */
  public static AttentionWeights random(int d, double scale, long seed) {
    if (!(scale >= 0.0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("attention scale must be finite and non-negative: " + scale);
    }
    SplittableRandom rnd = new SplittableRandom(Gaussians.seed(seed, d, 0x5A77));
    double sigma = scale / Math.sqrt(d);
    return new AttentionWeights(Gaussians.matrix(d, d, sigma, rnd), Gaussians.matrix(d, d, sigma, rnd),
        Gaussians.matrix(d, d, sigma, rnd), "random N(0, " + scale + "²/d), seed " + seed);
  }

  public int d() {
    return q.length;
  }

  private static void check(String name, double[][] m, int d) {
    if (d == 0 || m.length != d) {
      throw new IllegalArgumentException(name + " has " + m.length + " rows, expected " + d);
    }
    for (int i = 0; i < m.length; i++) {
      if (m[i].length != d) {
        throw new IllegalArgumentException(name + " must be " + d + "×" + d + " but row " + i + " has " + m[i].length
            + " entries");
      }
    }
  }
}
