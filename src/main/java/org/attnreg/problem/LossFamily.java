package org.attnreg.problem;

import java.io.Serializable;

/**
 * One problem family as the Newton engine sees it: its per-row terms and its driver-side assembly,
 * with no Spark and no I/O. Every family has a loss {@code L(x) = ℓ(Ax) + ½‖WAx‖² + ½λ‖x‖²}; the
 * regulariser is not part of a family (the pass kernels add it to every family alike). The data part
 * is evaluated in two kinds of pass over the rows (see maths.md §8):
 *
 * <ul>
 *   <li><b>Value pass.</b> Each row adds to the family's {@link ValueSums}, taken relative to a
 *       per-partition shift {@code m_p = max shiftOf(z_i)} so that no {@code exp} overflows; the sums
 *       know their own exp-degrees, so partitions merge by rescaling to the larger shift. The merged
 *       sums give the loss and the family's {@link Globals} (normalisers such as {@code log α}).
 *   <li><b>Derivative pass.</b> Given the globals of the same point, every row's contribution is
 *       local: weights for a few d-vector sums {@code Σ w_ik a_i} and a Hessian weight {@code h_i}
 *       for the Gram {@code Aᵀ diag(h) A}, gathered with the family's scalar sums in its
 *       {@link DerivativeSums}, which then assemble the gradient and the exact low-rank Hessian terms.
 * </ul>
 *
 * Everything else a family may offer is an opt-in capability it implements and callers discover by
 * type: {@link Residuals} (the residual and its z-space structure, for the sensitivity analysis),
 * {@link FittedLink} (prediction and planted targets), {@link StartPolicy} and {@link Traps}.
 * Implementations are stateless and immutable.
 */
public interface LossFamily extends Serializable {

  /** The command-line name, e.g. {@code softmax}. */
  String id();

  /**
   * The quantity whose maximum over a partition is that partition's shift ({@code z} for softmax);
   * a constant for families whose sums need no shift.
   */
  double shiftOf(double z);

  /** Empty value-pass sums (no rows). */
  ValueSums newValueSums();

  /** Empty derivative-pass sums at a point whose value pass gave {@code globals}. */
  DerivativeSums newDerivativeSums(Globals globals);

  /** The globals whose {@link Globals#values()} are {@code values} (as a checkpoint stores them). */
  Globals globals(double[] values);

  /**
   * Whether the globals are {@link Globals#NONE} at every point: a derivative pass then needs no value
   * pass before it, so a solve's first pass takes the start's value and derivatives at once.
   */
  default boolean globalFree() {
    return false;
  }
}
