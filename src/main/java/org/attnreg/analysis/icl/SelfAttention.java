package org.attnreg.analysis.icl;

/**
 * One softmax self-attention layer with a residual connection acting on the rows of A:
 * {@code A' = A + softmax(A Q Kᵀ Aᵀ) A V}, the softmax taken row-wise (maths.md §7, data shift).
 *
 * <p>The n×n attention matrix is never stored: {@code AQ}, {@code AK} and {@code AV} (n×d each) are
 * formed once, then each row's scores, softmax and weighted sum are computed in O(n d) memory. The
 * work is still O(n² d), so it refuses n above {@link #MAX_ROWS}.
 */
public final class SelfAttention {
  /** The largest n for which the driver computes an n×n attention. */
  public static final int MAX_ROWS = 20_000;

  private SelfAttention() {}

  /** Throws if an n×n attention is too large for the driver. */
  public static void checkSize(int n) {
    if (n > MAX_ROWS) {
      throw new IllegalArgumentException("the self-attention shift needs an n×n attention softmax(A Q Kᵀ Aᵀ): n = "
          + n + " rows exceeds the driver-side limit n ≤ " + MAX_ROWS);
    }
  }

  /** A' = A + softmax(A Q Kᵀ Aᵀ) A V. */
  public static double[][] apply(double[][] a, AttentionWeights w) {
    checkSize(a.length);
    if (a[0].length != w.d()) {
      throw new IllegalArgumentException("A has d = " + a[0].length + " columns but Q, K, V are " + w.d() + "×" + w.d());
    }
    double[][] aq = Dense.times(a, w.q());
    double[][] ak = Dense.times(a, w.k());
    double[][] av = Dense.times(a, w.v());
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      double[] p = Softmax.of(Dense.times(ak, aq[i]));
      double[] row = a[i].clone();
      for (int j = 0; j < a.length; j++) {
        double pj = p[j];
        double[] avj = av[j];
        for (int c = 0; c < row.length; c++) {
          row[c] += pj * avj[c];
        }
      }
      out[i] = row;
    }
    return out;
  }
}
