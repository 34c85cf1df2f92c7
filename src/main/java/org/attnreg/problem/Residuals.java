package org.attnreg.problem;

/**
 * Capability: the residual c (the vector whose half squared norm is the data loss) and the z-space
 * structure of ℓ, for the sensitivity analysis (how x* moves when A does) and its residual bounds.
 */
public interface Residuals {

  /**
   * The exponent s of the scale {@code e^{-s}} in which {@link #residual} is returned at a point with
   * these globals (0 except where the residual is only finite relative to {@code e^m}).
   */
  double residualShift(Globals at);

  /** {@code e^{-shift}·c_i}: row i's residual at margin z and target b, given the globals of the same point. */
  double residual(double z, double b, Globals at, double shift);

  /**
   * {@code ∇_z ℓ} and {@code ∇²_z ℓ} in terms of a derivative pass's own per-row weights, in its
   * scaled units (see {@link ZStructure}).
   */
  ZStructure zStructure(DerivativeSums sums);

  /**
   * The residual's z-Jacobian at a point with these globals, for the Gauss–Newton curvature.
   *
   * @throws UnsupportedOperationException when the family does not provide it
   */
  default ZJacobian zJacobian(Globals at) {
    throw new UnsupportedOperationException("the family " + getClass().getSimpleName()
        + " has no z-Jacobian form; use --sketch leverage, sparse-sign or gaussian");
  }

  /** A provable Lipschitz bound of c in the data matrix. */
  ResidualBound residualBound();
}
