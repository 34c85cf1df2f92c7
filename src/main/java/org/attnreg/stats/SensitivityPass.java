package org.attnreg.stats;

/**
 * What the sensitivity pass at x* delivers (see {@link SensitivityAggregate}), for a perturbation
 * direction normalised to {@code ‖E‖_F = 1}.
 *
 * @param derivatives loss, gradient and exact Hessian at x (scaled by {@code e^{-logScale}})
 * @param gradientInA {@code (∂_A∇L)[E]} for the unit direction, in the same scaled units as the Hessian
 * @param rawNorm {@code ‖E‖_F} of the direction as generated or read, before normalisation
 * @param exNorm {@code ‖E x‖₂} for the unit direction
 * @param aNorm {@code ‖A‖_F}
 * @param maxRowNormA {@code max_i ‖a_i‖₂}
 * @param maxRowNormE {@code max_i ‖e_i‖₂} for the unit direction
 * @param bNorm {@code ‖b‖₂}
 * @param rows n
 */
public record SensitivityPass(Derivatives derivatives, double[] gradientInA, double rawNorm, double exNorm,
    double aNorm, double maxRowNormA, double maxRowNormE, double bNorm, long rows) {}
