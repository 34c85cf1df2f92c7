package org.attnreg.sketch;

import java.util.List;
import java.util.SplittableRandom;
import org.attnreg.linalg.Blas;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;
import org.attnreg.testkit.RandomProblems;
import org.netlib.util.intW;

/** Tall test matrices with uneven leverage, accumulation over partitions, and the spectral error. */
final class SketchTestkit {
  private SketchTestkit() {}

  /**
   * n×d Gaussian rows with row norms spread over two orders of magnitude (log-normal scale), and
   * {@code heavy} rows scaled ×50, so the leverage scores are far from uniform.
   */
  static double[][] unevenRows(int n, int d, int heavy, long seed) {
    double[][] a = RandomProblems.gaussianRows(n, d, 1.0, seed);
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < n; i++) {
      double scale = i < heavy ? 50.0 : Math.exp(RandomProblems.gaussian(rnd));
      for (int j = 0; j < d; j++) {
        a[i][j] *= scale;
      }
    }
    return a;
  }

  /** Positive weights h_i = exp(N(0, 1/4)), varied but PSD. */
  static double[] positiveWeights(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = Math.exp(0.5 * RandomProblems.gaussian(rnd));
    }
    return h;
  }

  /** Rows in blocks of {@code blockRows}, the blocks dealt round-robin into {@code count} partitions. */
  static List<List<RowBlock>> partitions(double[][] a, int blockRows, int count, boolean sparse) {
    List<List<RowBlock>> blocks = RandomProblems.partitions(a, new double[a.length], blockRows, sparse);
    List<List<RowBlock>> parts = new java.util.ArrayList<>();
    for (int p = 0; p < count; p++) {
      parts.add(new java.util.ArrayList<>());
    }
    for (int k = 0; k < blocks.size(); k++) {
      parts.get(k % count).addAll(blocks.get(k));
    }
    return parts;
  }

  /** Each partition folded into its own accumulator, merged in order; h is indexed by row id. */
  static Curvature.Accumulator accumulate(Curvature curvature, int d, long iteration, List<List<RowBlock>> parts,
      double[] hByRow) {
    Curvature.Accumulator total = curvature.newAccumulator(d, iteration);
    for (List<RowBlock> part : parts) {
      Curvature.Accumulator acc = curvature.newAccumulator(d, iteration);
      for (RowBlock block : part) {
        double[] h = new double[block.rows()];
        for (int i = 0; i < h.length; i++) {
          h[i] = hByRow[(int) block.rowId(i)];
        }
        acc.add(block, h);
      }
      total.merge(acc);
    }
    return total;
  }

  /** Σ h_i a_i a_iᵀ, row-major, summed plainly. */
  static double[] exactGram(double[][] a, double[] h) {
    int d = a[0].length;
    double[] g = new double[d * d];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < d; j++) {
        double v = h[i] * a[i][j];
        for (int k = 0; k < d; k++) {
          g[j * d + k] += v * a[i][k];
        }
      }
    }
    return g;
  }

  /**
   * The achieved ε: {@code max |λ − 1|} over the eigenvalues of {@code L⁻¹ G̃ L⁻ᵀ} with
   * {@code G = L Lᵀ}, i.e. the smallest ε with {@code (1−ε)G ⪯ G̃ ⪯ (1+ε)G}.
   */
  static double spectralError(double[] exact, double[] approx, int d) {
    double[] l = exact.clone();
    intW info = new intW(0);
    Blas.lapack().dpotrf("L", d, l, d, info);
    if (info.val != 0) {
      throw new IllegalArgumentException("reference Gram is not positive definite (dpotrf info " + info.val + ")");
    }
    double[] m = approx.clone();
    // Column-major views of symmetric matrices: M ← L⁻¹ G̃ L⁻ᵀ by two triangular solves.
    Blas.blas().dtrsm("L", "L", "N", "N", d, d, 1.0, l, d, m, d);
    Blas.blas().dtrsm("R", "L", "T", "N", d, d, 1.0, l, d, m, d);
    double[] lambda = new double[d];
    double[] work = new double[Math.max(1, 4 * d)];
    Blas.lapack().dsyev("N", "L", d, m, d, lambda, work, work.length, info);
    if (info.val != 0) {
      throw new IllegalStateException("dsyev failed: " + info.val);
    }
    return Math.max(Math.abs(lambda[0] - 1.0), Math.abs(lambda[d - 1] - 1.0));
  }

  static double maxAbsDifference(double[] x, double[] y) {
    double m = 0.0;
    for (int j = 0; j < x.length; j++) {
      m = Math.max(m, Math.abs(x[j] - y[j]));
    }
    return m;
  }

  static double maxAbs(double[] x) {
    double m = 0.0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
