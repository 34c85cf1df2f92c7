package org.attnreg.analysis.sensitivity;

import org.attnreg.solver.NewtonStep;
import org.attnreg.stats.SensitivityPass;

/**
 * The first-order solution shift of maths.md §10.1: differentiating {@code ∇L(A, x*(A)) = 0} gives
 * {@code H(x*)·dx* + (∂_A∇L)[E] = 0}, so {@code dx* = −H(x*)⁻¹(∂_A∇L)[E]}, linear in E. Both H and
 * {@code ∂_A∇L} come from the same pass in the same scaled units, so the scale cancels.
 *
 * @param unitShift {@code dx*} for {@code ‖E‖_F = 1} (the shift for ‖E‖ = t is t times it)
 * @param damping the Levenberg–Marquardt μ needed to solve with H (0 when H(x*) is positive definite)
 * @param note why damping was needed, or null
 */
public record FirstOrder(double[] unitShift, double damping, String note) {

  /** Solves {@code H dx = −(∂_A∇L)[E]} by Cholesky (damped only if H is not positive definite). */
  public static FirstOrder of(SensitivityPass pass) {
    NewtonStep.Result r = NewtonStep.solve(pass.derivatives().hessian(), pass.gradientInA());
    if (!r.solved()) {
      throw new IllegalStateException("cannot solve with the Hessian at x*: " + r.dampingReason());
    }
    double[] dx = r.step();
    for (int j = 0; j < dx.length; j++) {
      dx[j] = -dx[j];
    }
    return new FirstOrder(dx, r.damping(), r.dampingReason());
  }
}
