package org.attnreg.problem;

/**
 * The z-space gradient and Hessian of a family's data loss ℓ(z), {@code z = Ax}, written in the
 * derivative pass's per-row vector weights {@code w_k} and Hessian weights h:
 * <pre>
 *   ∇_z ℓ  = Σ_k g_k w_k,                 so ∇L = Aᵀ∇_z ℓ = Σ_k g_k (Aᵀ w_k),
 *   ∇²_z ℓ = diag(h) + Σ_jk C_jk w_j w_kᵀ,  so the Hessian adds Aᵀ(Σ C_jk w_j w_kᵀ)A exactly.
 * </pre>
 * With {@code ℓ = ½‖r(z)‖²}, {@code ∇_z ℓ = Jᵀr} and the low-rank part comes from the residual's
 * z-Jacobian {@code J = ∂r/∂z = diag(p) − Σ q_k s_kᵀ}. A row-separable family has C = 0.
 *
 * @param gradientCoefficients {@code g_k}, one per vector weight
 * @param hessianLowRank {@code C}, K×K
 */
public record ZStructure(double[] gradientCoefficients, double[][] hessianLowRank) {}
