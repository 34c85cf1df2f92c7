package org.attnreg.stats;

import java.io.Serializable;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.Residuals;
import org.attnreg.problem.ZStructure;

/**
 * The sensitivity-pass monoid: at a point x (normally x*), the derivatives of a
 * {@link DerivativeAggregate} with the exact Hessian, plus the derivative of the gradient with
 * respect to the data matrix A in a direction E, all in one pass over the row pairs {@code (a_i, e_i)}.
 *
 * <p><b>Derivation.</b> With {@code z = Ax}, {@code L(A, x) = ℓ(z) + ½w²‖z‖² + ½λ‖x‖²} and
 * {@code ∇_x L = Aᵀ g(z) + w² Aᵀ z + λx}, {@code g = ∇_z ℓ}. Differentiating in A along E (so that
 * {@code dz = Ex =: δ}):
 * <pre>
 *   (∂_A∇L)[E] = Eᵀ g + Aᵀ (∇²_z ℓ) δ + w² (Eᵀ z + Aᵀ δ).
 * </pre>
 * The family writes {@code g = Σ_k c_k w_k} and {@code ∇²_z ℓ = diag(h) + Σ_jk C_jk w_j w_kᵀ} in
 * terms of its per-row derivative weights ({@link Residuals#zStructure}), so with {@code V_k = Aᵀ w_k} (already summed for the
 * gradient) the pass needs only the sums {@code U_k = Eᵀ w_k}, {@code Aᵀ(h∘δ)}, {@code ⟨w_k, δ⟩},
 * {@code Eᵀ z} and {@code Aᵀ δ}:
 * <pre>
 *   (∂_A∇L)[E] = Σ_k c_k U_k + Aᵀ(h∘δ) + Σ_jk C_jk V_j ⟨w_k, δ⟩ + w² (Eᵀ z + Aᵀ δ).
 * </pre>
 * When the rows carry their own regulariser weights ω_i (W = w·diag(ω)), the last term is
 * {@code w² (Eᵀ(ω²∘z) + Aᵀ(ω²∘δ))}; the weights belong to the data, not to E.
 * The normalisers (κ, ⟨c,b⟩, γ, B2) enter only through c and C, which the driver knows after the
 * merge, so every per-partition term is a plain sum: merging is addition. The ridge term does not
 * depend on A. Everything is in the derivative pass's scaled units, like the Hessian, so the
 * first-order shift {@code −H⁻¹(∂_A∇L)[E]} is scale free.
 *
 * <p>The pass also sums {@code ‖E‖_F²}, {@code ‖Ex‖²}, {@code ‖A‖_F²}, {@code ‖b‖²} and the largest
 * row norms of A and E, for the normalisation of E and for the residual bounds.
 */
public final class SensitivityAggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Residuals family;
  private final Regularizer reg;
  private final int d;
  private final int k;
  private final DerivativeAggregate base;
  /** {@code Eᵀ w_0 … Eᵀ w_{K-1}, Eᵀ(ω²∘z)}. */
  private final double[][] eSums;
  /** {@code Aᵀ(h∘δ), Aᵀ(ω²∘δ)}. */
  private final double[][] aSums;
  /** {@code ⟨w_k, δ⟩}. */
  private final double[] deltaDots;
  private double eSquares;
  private double deltaSquares;
  private double aSquares;
  private double bSquares;
  private double maxRowA2;
  private double maxRowE2;
  private transient double[] delta;
  private transient double[][] aWeights;
  private transient double[] weightedZ;

  private SensitivityAggregate(Problem problem, Globals globals) {
    if (!(problem.family() instanceof Residuals residuals)) {
      throw new IllegalArgumentException("family " + problem.family().id() + " has no residual model: its"
          + " sensitivity to the data cannot be computed");
    }
    this.family = residuals;
    this.reg = problem.reg();
    this.d = problem.d();
    this.base = problem.emptyDerivative(globals, 0, new ExactCurvature());
    this.k = base.familyVectorSums().length;
    this.eSums = new double[k + 1][d];
    this.aSums = new double[2][d];
    this.deltaDots = new double[k];
  }

  /** The identity at a point whose value pass gave {@code globals}; the Hessian is always exact. */
  public static SensitivityAggregate empty(Problem problem, Globals globals) {
    return new SensitivityAggregate(problem, globals);
  }

  /** Adds one block of rows of A and the matching block of rows of E (same rows, same order) at x. */
  public SensitivityAggregate add(RowBlock a, RowBlock e, double[] x) {
    checkAligned(a, e);
    int n = a.rows();
    if (n == 0) {
      return this;
    }
    if (delta == null || delta.length < n) {
      delta = new double[n];
      aWeights = new double[2][n];
      weightedZ = new double[n];
    }
    e.margins(x, delta);
    base.add(a, x, (z, w, h, rows) -> addRowTerms(a, e, z, w, h, rows));
    addNorms(a, e, n);
    return this;
  }

  private void addRowTerms(RowBlock a, RowBlock e, double[] z, double[][] w, double[] h, int n) {
    double[] w2 = a.w2();
    double[][] eWeights = new double[k + 1][];
    System.arraycopy(w, 0, eWeights, 0, k);
    eWeights[k] = z;
    if (w2 != null) {
      for (int i = 0; i < n; i++) {
        weightedZ[i] = w2[i] * z[i];
      }
      eWeights[k] = weightedZ;
    }
    e.addTransposeTimes(eWeights, k + 1, eSums);
    double[] hDelta = aWeights[0];
    double[] weightedDelta = aWeights[1];
    for (int i = 0; i < n; i++) {
      hDelta[i] = h[i] * delta[i];
      weightedDelta[i] = w2 == null ? delta[i] : w2[i] * delta[i];
      deltaSquares += delta[i] * delta[i];
    }
    for (int j = 0; j < k; j++) {
      double[] wj = w[j];
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        s += wj[i] * delta[i];
      }
      deltaDots[j] += s;
    }
    a.addTransposeTimes(aWeights, 2, aSums);
  }

  private void addNorms(RowBlock a, RowBlock e, int n) {
    double[] row = new double[1];
    RowBlock.NonZeroVisitor squares = (column, value) -> row[0] += value * value;
    for (int i = 0; i < n; i++) {
      row[0] = 0.0;
      a.forEachNonZero(i, squares);
      aSquares += row[0];
      maxRowA2 = Math.max(maxRowA2, row[0]);
      row[0] = 0.0;
      e.forEachNonZero(i, squares);
      eSquares += row[0];
      maxRowE2 = Math.max(maxRowE2, row[0]);
      double bi = a.b()[i];
      bSquares += bi * bi;
    }
  }

  private static void checkAligned(RowBlock a, RowBlock e) {
    if (a.rows() != e.rows()) {
      throw new IllegalArgumentException("perturbation block has " + e.rows() + " rows, data block " + a.rows());
    }
    for (int i = 0; i < a.rows(); i++) {
      if (a.rowId(i) != e.rowId(i)) {
        throw new IllegalArgumentException("perturbation row " + i + " has id " + e.rowId(i) + ", data row "
            + a.rowId(i));
      }
    }
  }

  /** Adds another aggregate's rows; returns this. */
  public SensitivityAggregate merge(SensitivityAggregate other) {
    base.merge(other.base);
    addInto(eSums, other.eSums);
    addInto(aSums, other.aSums);
    for (int j = 0; j < k; j++) {
      deltaDots[j] += other.deltaDots[j];
    }
    eSquares += other.eSquares;
    deltaSquares += other.deltaSquares;
    aSquares += other.aSquares;
    bSquares += other.bSquares;
    maxRowA2 = Math.max(maxRowA2, other.maxRowA2);
    maxRowE2 = Math.max(maxRowE2, other.maxRowE2);
    return this;
  }

  private static void addInto(double[][] mine, double[][] theirs) {
    for (int r = 0; r < mine.length; r++) {
      for (int j = 0; j < mine[r].length; j++) {
        mine[r][j] += theirs[r][j];
      }
    }
  }

  /**
   * Driver: the derivatives at x and {@code (∂_A∇L)[E/‖E‖_F]}.
   *
   * @throws IllegalArgumentException if E is zero (no direction to normalise)
   */
  public SensitivityPass finish(double[] x) {
    Derivatives der = base.finish(x);
    if (!(eSquares > 0.0)) {
      throw new IllegalArgumentException("the perturbation E is zero (‖E‖_F = 0): there is no direction to study");
    }
    double eNorm = Math.sqrt(eSquares);
    double[] v = rawGradientInA();
    for (int j = 0; j < d; j++) {
      v[j] /= eNorm;
    }
    return new SensitivityPass(der, v, eNorm, Math.sqrt(deltaSquares) / eNorm, Math.sqrt(aSquares),
        Math.sqrt(maxRowA2), Math.sqrt(maxRowE2) / eNorm, Math.sqrt(bSquares), base.rows());
  }

  /** {@code Σ_k c_k U_k + Aᵀ(h∘δ) + Σ_jk C_jk V_j ⟨w_k, δ⟩ + w²(Eᵀ(ω²∘z) + Aᵀ(ω²∘δ))} for the raw E. */
  private double[] rawGradientInA() {
    ZStructure structure = family.zStructure(base.familyTerms());
    double[] c = structure.gradientCoefficients();
    double[][] lowRank = structure.hessianLowRank();
    double[][] vSums = base.familyVectorSums();
    double[] v = aSums[0].clone();
    for (int kk = 0; kk < k; kk++) {
      axpy(c[kk], eSums[kk], v);
      for (int j = 0; j < k; j++) {
        axpy(lowRank[j][kk] * deltaDots[kk], vSums[j], v);
      }
    }
    double rowWeight = base.scaled(reg.w2());
    axpy(rowWeight, eSums[k], v);
    axpy(rowWeight, aSums[1], v);
    return v;
  }

  private static void axpy(double alpha, double[] x, double[] y) {
    if (alpha == 0.0) {
      return;
    }
    for (int j = 0; j < y.length; j++) {
      y[j] += alpha * x[j];
    }
  }
}
