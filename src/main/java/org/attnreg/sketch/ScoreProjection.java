package org.attnreg.sketch;

import java.io.Serializable;
import java.util.Arrays;
import org.attnreg.linalg.Blas;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;
import org.netlib.util.intW;

/**
 * The k×d matrix G that turns leverage scores into O(k·nnz) work per row:
 * {@code τ̃_i = h_i ‖G a_i‖² ≈ h_i a_iᵀ H^{-1} a_i}, the leverage of row {@code √h_i a_i} with
 * respect to a recent Hessian H. Π is a k×d Johnson–Lindenstrauss matrix with N(0, 1/k) entries,
 * so {@code E‖Πv‖² = ‖v‖²}. For a positive definite {@code H = L Lᵀ}, {@code G = Π L⁻¹}. An
 * indefinite H (far from the optimum, where the low-rank terms dominate) uses
 * {@code |H|^{-1/2} = V |Λ|^{-1/2} Vᵀ} instead (tiny eigenvalues floored at
 * {@value #EIGENVALUE_FLOOR} of the largest); dsyev is several times slower than Cholesky in the
 * pure-Java LAPACK, hence the order. Built once per iteration on the driver (the papers' d^ω term)
 * and shipped inside the curvature: k·d doubles.
 */
final class ScoreProjection implements Serializable {
  private static final long serialVersionUID = 1L;
  static final double EIGENVALUE_FLOOR = 1e-12;

  private final int k;
  private final int d;
  /** G, column-major k×d: entry (r, c) at {@code c·k + r}. */
  private final double[] g;

  private ScoreProjection(int k, int d, double[] g) {
    this.k = k;
    this.d = d;
    this.g = g;
  }

  /** G as saved by {@link #values()}: k×d, column-major. */
  static ScoreProjection of(int k, int d, double[] g) {
    if (g.length != (long) k * d) {
      throw new IllegalArgumentException("a " + k + "×" + d + " score projection needs " + (long) k * d
          + " values, has " + g.length);
    }
    return new ScoreProjection(k, d, g.clone());
  }

  /** G, column-major k×d (a copy). */
  double[] values() {
    return g.clone();
  }

  /** G from the row-major d×d symmetric {@code hessian}; null if it has no usable eigenvalues. */
  static ScoreProjection fromHessian(double[] hessian, int d, int k, long seed, long generation) {
    if (hessian.length != d * d || !Arrays.stream(hessian).allMatch(Double::isFinite)) {
      return null;
    }
    double[] pi = new double[k * d]; // Π, column-major k×d, N(0, 1/k) entries
    long key = RowHash.rowKey(seed, generation, RowHash.DRIVER_STREAM);
    for (int t = 0; t < pi.length; t++) {
      pi[t] = RowHash.gaussian(key, t) / Math.sqrt(k);
    }
    double[] g = choleskyProjection(hessian, d, k, pi);
    if (g == null) {
      g = eigenProjection(hessian, d, k, pi);
    }
    return g == null ? null : new ScoreProjection(k, d, g);
  }

  /**
   * The usual case, a positive definite H = L Lᵀ: {@code aᵀH⁻¹a = ‖L⁻¹a‖²}, so {@code G = Π L⁻¹},
   * one Cholesky (d³/3) and one triangular solve (k·d²); null if H is not positive definite.
   */
  private static double[] choleskyProjection(double[] hessian, int d, int k, double[] pi) {
    double[] l = hessian.clone(); // symmetric, so row-major and column-major agree
    intW info = new intW(0);
    Blas.lapack().dpotrf("L", d, l, d, info);
    if (info.val != 0) {
      return null;
    }
    Blas.blas().dtrsm("R", "L", "N", "N", k, d, 1.0, l, d, pi, k); // Π ← Π L⁻¹
    return pi;
  }

  /** An indefinite H (far from the optimum): {@code G = Π |Λ|^{-1/2} Vᵀ}; null if dsyev fails. */
  private static double[] eigenProjection(double[] hessian, int d, int k, double[] pi) {
    double[] v = hessian.clone();
    double[] lambda = new double[d];
    if (!eigen(v, lambda, d)) {
      return null;
    }
    double largest = Math.max(Math.abs(lambda[0]), Math.abs(lambda[d - 1]));
    if (!(largest > 0.0)) {
      return null;
    }
    double[] w = pi.clone(); // W = Π |Λ|^{-1/2}
    for (int j = 0; j < d; j++) {
      double inv = 1.0 / Math.sqrt(Math.max(Math.abs(lambda[j]), EIGENVALUE_FLOOR * largest));
      for (int r = 0; r < k; r++) {
        w[j * k + r] *= inv;
      }
    }
    double[] g = new double[k * d];
    Blas.blas().dgemm("N", "T", k, d, d, 1.0, w, k, v, d, 0.0, g, k);
    return g;
  }

  /** LAPACK dsyev: eigenvectors into the columns of v, eigenvalues ascending; false on failure. */
  private static boolean eigen(double[] v, double[] lambda, int d) {
    intW info = new intW(0);
    double[] query = new double[1];
    Blas.lapack().dsyev("V", "L", d, v, d, lambda, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    Blas.lapack().dsyev("V", "L", d, v, d, lambda, work, work.length, info);
    return info.val == 0;
  }

  int k() {
    return k;
  }

  int d() {
    return d;
  }

  /**
   * {@code out[i] = ‖G a_i‖²} for every row of the block: one dgemm for a dense block, O(k·nnz) for
   * a sparse one. {@code scratch} must hold k·rows doubles.
   */
  void squaredNorms(RowBlock block, double[] out, double[] scratch) {
    if (block instanceof DenseBlock dense) {
      Blas.blas().dgemm("N", "N", k, dense.rows(), d, 1.0, g, k, dense.a(), d, 0.0, scratch, k);
    } else {
      projectSparse((SparseBlock) block, scratch); // RowBlock is sealed: dense or sparse
    }
    sumSquares(scratch, block.rows(), out);
  }

  private void projectSparse(SparseBlock sparse, double[] scratch) {
    Arrays.fill(scratch, 0, k * sparse.rows(), 0.0);
    int[] col = sparse.columns();
    double[] val = sparse.values();
    for (int i = 0; i < sparse.rows(); i++) {
      int base = i * k;
      for (int t = sparse.rowStart()[i], end = sparse.rowStart()[i + 1]; t < end; t++) {
        int gOffset = col[t] * k;
        double v = val[t];
        for (int r = 0; r < k; r++) {
          scratch[base + r] += v * g[gOffset + r];
        }
      }
    }
  }

  private void sumSquares(double[] projected, int rows, double[] out) {
    for (int i = 0; i < rows; i++) {
      double s = 0.0;
      for (int r = 0, base = i * k; r < k; r++) {
        s += projected[base + r] * projected[base + r];
      }
      out[i] = s;
    }
  }
}
