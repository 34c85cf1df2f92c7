package org.attnreg.stats;

import java.io.Serializable;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.DerivativeSums;
import org.attnreg.problem.Globals;

/**
 * How a derivative pass accumulates the diagonal part {@code Aᵀ diag(h) A} of the Hessian: exactly,
 * or through a sketch. Accumulators are additive over rows, so partitions merge by addition and the
 * result does not depend on the partitioning.
 */
public interface Curvature extends Serializable {

  /** A fresh, empty accumulator for dimension d at Newton iteration {@code iteration}. */
  Accumulator newAccumulator(int d, long iteration);

  /**
   * A fresh, empty accumulator for a derivative pass of {@code problem} at a point whose value pass
   * gave {@code globals}: kinds that sketch the family's own structure (the Gauss–Newton sketch)
   * need both; the others ignore them.
   */
  default Accumulator newAccumulator(Problem problem, Globals globals, long iteration) {
    return newAccumulator(problem.d(), iteration);
  }

  /** Short name for logs and the trace. */
  String id();

  /**
   * Whether this curvature's Hessian approximates the exact one (what {@code --diagnose} measures);
   * false for the exact Gram itself.
   */
  default boolean approximate() {
    return true;
  }

  /**
   * Whether this curvature's Hessian serves only as a preconditioner: the solver then solves the
   * exact Newton system by conjugate gradients with exact Hessian–vector products (one pass each),
   * for the last digits a sketch alone reaches only linearly. False for every kind but a sketch in
   * its finishing phase.
   */
  default boolean refinedByProducts() {
    return false;
  }

  /**
   * The matrix whose Cholesky factor preconditions the conjugate-gradient step at {@code derivatives}
   * (asked only when {@link #refinedByProducts}), in their units: their own Hessian unless the kind
   * keeps one from an earlier iteration.
   */
  default double[] preconditioner(Derivatives derivatives) {
    return derivatives.hessian();
  }

  /**
   * The curvature to use at the next iteration, given this iteration's derivatives (for example a
   * leverage sampler that takes its scores from the latest Hessian). Stateless kinds return this.
   */
  default Curvature after(Derivatives derivatives) {
    return this;
  }

  /**
   * What {@link #after} has accumulated, as plain data for a checkpoint. Stateless kinds have none.
   * Java serialization of a curvature serves only to ship it to the executors, never a file.
   */
  default CurvatureState state() {
    return CurvatureState.NONE;
  }

  /** The counters and matrix shapes a state of this kind may hold for dimension d: what a reader allows. */
  default CurvatureState.Layout stateLayout(int d) {
    return CurvatureState.Layout.NONE;
  }

  /**
   * This curvature continued from a saved {@link #state} (its shapes already checked against
   * {@link #stateLayout}), so that the next iteration is the one an uninterrupted solve would run.
   *
   * @throws IllegalArgumentException when the state does not fit this kind
   */
  default Curvature restore(CurvatureState state) {
    if (!state.isEmpty()) {
      throw new IllegalArgumentException("the curvature " + id() + " keeps no state, the checkpoint holds "
          + state.counters().keySet() + " " + state.matrices().keySet());
    }
    return this;
  }

  /** Accumulates one partition's contribution. */
  interface Accumulator extends Serializable {
    /** Adds rows {@code 0..block.rows()-1} with Hessian weights h. */
    void add(RowBlock block, double[] h);

    /**
     * Adds rows {@code 0..block.rows()-1} with their margins z, the family's vector weights (its
     * first K arrays) and the Hessian weights h. Kinds that need only h keep this default.
     */
    default void add(RowBlock block, double[] z, double[][] vectorWeights, double[] h) {
      add(block, h);
    }

    /** Adds another accumulator's rows to this one; returns this. */
    Accumulator merge(Accumulator other);

    /** Driver: the approximation of {@code Aᵀ diag(h) A}, row-major d×d. */
    double[] gram();

    /**
     * Driver: the matrix the family's exact low-rank Hessian terms are then added to, given the
     * pass's family vector sums {@code Aᵀw_k} and its own sums. {@link #gram()} for every kind that
     * approximates {@code Aᵀ diag(h) A}; a kind that approximates the whole Hessian by another PSD
     * matrix returns that matrix minus the low-rank terms the assembly adds.
     */
    default double[] gram(double[][] vectorSums, DerivativeSums terms) {
      return gram();
    }

    /**
     * Whether {@link #gram(double[][], DerivativeSums)} is exact for the corrected globals of a fused
     * pass however far off the predicted ones were, because it rescales its pieces by the family's
     * {@link DerivativeSums#jacobianCorrection} (see {@link DerivativeSums#correctTo}). False for the
     * kinds built from the Hessian weights h, which keep the predicted ones.
     */
    default boolean rescalesWithJacobian() {
      return false;
    }

    /** Rows whose curvature the accumulator kept (n for the exact Gram). */
    long rowsKept();
  }
}
