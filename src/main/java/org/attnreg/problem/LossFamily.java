package org.attnreg.problem;

import java.io.Serializable;
import java.util.List;

/**
 * One problem family: its per-row terms and its driver-side assembly, with no Spark and no I/O.
 *
 * <p>Every family in this project has a loss {@code L(x) = ℓ(Ax) + ½‖WAx‖² + ½λ‖x‖²} whose data
 * part is evaluated in two kinds of pass over the rows (see {@code MATH.md} §8):
 *
 * <ul>
 *   <li><b>Value pass.</b> Each row adds to a few scalar sums. Normalised families take the sums
 *       relative to a per-partition shift {@code m_p = max shiftOf(z_i)} so that no {@code exp}
 *       overflows; each sum declares its exp-degree (0, 1 or 2) so that partitions merge by
 *       rescaling to the larger shift. {@link #finishValue} turns the merged sums into the loss and
 *       the <em>globals</em> (normalisers such as {@code log α}) the derivative pass needs.
 *   <li><b>Derivative pass.</b> Given the globals of the same point, every row's contribution is
 *       local: weights for a few d-vector sums {@code Σ w_ik a_i} and a Hessian weight {@code h_i}
 *       for the Gram {@code Aᵀ diag(h) A}. {@link #assemble} adds the exact low-rank terms and
 *       returns the gradient. Derivative pieces may be scaled by {@code e^{-logScale}} (rescaled
 *       families), which leaves the Newton step unchanged and keeps every sum finite.
 * </ul>
 *
 * The regulariser is not part of a family; the pass kernel adds it to every family alike.
 * Implementations are stateless and immutable.
 */
public interface LossFamily extends Serializable {

  /** The command-line name, e.g. {@code softmax}. */
  String id();

  // ---------------------------------------------------------------- value pass

  /** Exp-degree of each value sum, in the order {@link #addValueRows} writes them. */
  int[] valueDegrees();

  /** Whether value sums are taken relative to a shift; if false every degree must be 0. */
  boolean isShifted();

  /** The quantity whose maximum over a partition is that partition's shift. */
  double shiftOf(double z);

  /** Adds rows {@code 0..n-1} with margins z and targets b to {@code sums}, relative to {@code shift}. */
  void addValueRows(double[] z, double[] b, int n, double shift, double[] sums);

  /** Driver: the merged sums (relative to the global {@code shift}) give the data loss and the globals. */
  ValuePoint finishValue(double shift, double[] sums);

  // ----------------------------------------------------------- derivative pass

  /** Number of d-vector sums {@code Σ_i w_ik a_i} the derivative pass accumulates. */
  int derivativeVectors();

  /** Number of scalar sums the derivative pass accumulates. */
  int derivativeScalars();

  /** The derivative pieces are {@code e^{-logScale}} times the true ones (0 for most families). */
  default double logScale(double[] globals) {
    return 0.0;
  }

  /**
   * Per-row derivative terms for rows {@code 0..n-1}: writes {@code vectorWeights[k][i]} and the
   * Hessian weight {@code hessianWeights[i]} and adds to {@code scalars}.
   */
  void derivativeRows(double[] z, double[] b, int n, double[] globals, double[][] vectorWeights,
      double[] hessianWeights, double[] scalars);

  /**
   * Driver: writes the (scaled) data gradient into {@code gradient} and adds the exact low-rank
   * Hessian terms to {@code hessian} (row-major d×d, already holding {@code Aᵀ diag(h) A}).
   *
   * @return the data loss at true scale, computed from the derivative pass's own sums
   */
  double assemble(double[][] vectorSums, double[] scalars, double[] globals, double[] gradient, double[] hessian);

  // ------------------------------------------- z-space structure (sensitivity to the data matrix A)

  /**
   * The z-space gradient {@code g = ∇_z ℓ(z)} in terms of the derivative pass's per-row vector
   * weights: {@code g_i = Σ_k coefficient[k]·w_k[i]}, in the same (scaled) units as
   * {@link #assemble}, so that {@code ∇L = Aᵀ g = Σ_k coefficient[k]·(Aᵀ w_k)}. Used by the
   * sensitivity analysis, which needs {@code Eᵀ g} for a perturbation E of A.
   *
   * @param scalars the derivative pass's scalar sums (as {@link #assemble} receives them)
   */
  double[] zGradientCoefficients(double[] scalars, double[] globals);

  /**
   * The low-rank part C of the z-space Hessian {@code ∇²_z ℓ(z) = diag(h) + Σ_jk C[j][k] w_j w_kᵀ},
   * with h the derivative pass's Hessian weights and {@code w_k} its vector weights, in the scaled
   * units of {@link #assemble} (which adds exactly {@code Aᵀ(Σ C_jk w_j w_kᵀ)A} to the Hessian).
   * A row-separable family returns a zero K×K matrix. Used for {@code Aᵀ ∇²_z ℓ · (Ex)}: the
   * low-rank part needs only the vector sums {@code Aᵀ w_j} and the scalar sums {@code ⟨w_k, Ex⟩}.
   */
  double[][] zHessianLowRank(double[] scalars, double[] globals);

  /**
   * The exponent s of the scale in which {@link #residual} is returned at a point with these globals
   * (0 except for the rescaled families, whose residual is only finite relative to {@code e^m}).
   */
  default double residualShift(double[] globals) {
    return 0.0;
  }

  /**
   * {@code e^{-shift}·c_i}: row i's entry of the residual c (the vector whose half squared norm is
   * the data loss) at margin z and target b, given the value-pass globals of the same point.
   */
  double residual(double z, double b, double[] globals, double shift);

  /**
   * The target that row i would have if x were an exact fit: {@code b_i} of a planted instance
   * with margin {@code z = a_i·x}, given the globals of a value pass at x (whatever b it saw).
   */
  double plantedTarget(double z, double[] globals);

  /**
   * A default start for this family when the user gives none, or {@code null} for the origin.
   * Called on the driver with the problem dimension only; families with traps at the origin
   * override it.
   */
  default double[] defaultStart(int d) {
    return null;
  }

  /**
   * The least-squares start this family prefers to {@link #defaultStart} when the user gives none
   * (one extra pass over the data), or {@code null} if it has none.
   */
  default InverseLinkFit inverseLinkFit() {
    return null;
  }

  /**
   * What the user should know about a solve of this family from {@code x0} that ended at x: the
   * traps of {@code MATH.md} §9 (a stationary or trivial start, a trivial minimiser, an infimum not
   * attained). Empty when there is nothing to say.
   *
   * @param unbounded whether the solver stopped because the loss kept falling while ‖x‖ grew
   */
  default List<String> warningsFor(double[] x0, double[] x, boolean unbounded) {
    return List.of();
  }
}
