package org.attnreg.solver;

/**
 * One row of the trace: the state at iterate k and the step taken from it.
 *
 * @param iteration k (0 is the start)
 * @param loss the exact loss at x_k (from the derivative pass)
 * @param gradientNorm ‖∇L(x_k)‖
 * @param decrement the Newton decrement λ² = ∇Lᵀ H⁻¹ ∇L (NaN where no step was computed)
 * @param stepSize the accepted step size t (NaN where no step was taken)
 * @param damping the Levenberg–Marquardt μ added to the Hessian (0 if none)
 * @param note why damping was needed, or why the solve stopped here; empty otherwise
 * @param valuePasses value passes spent on this step's line search
 * @param passes passes over the data this iteration ran: its line search's, plus its derivative
 *     pass unless a fused pass of the previous iteration delivered its derivatives, plus the
 *     Hessian–vector products of a conjugate-gradient step
 * @param rowsKept rows whose curvature the Hessian kept
 * @param derivativeSeconds wall time of the derivative pass and of any Hessian–vector products
 * @param valueSeconds wall time of the line-search value passes
 */
public record IterationRecord(int iteration, double loss, double gradientNorm, double decrement, double stepSize,
    double damping, String note, int valuePasses, int passes, long rowsKept, double derivativeSeconds,
    double valueSeconds) {}
