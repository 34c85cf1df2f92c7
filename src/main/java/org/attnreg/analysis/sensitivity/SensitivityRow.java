package org.attnreg.analysis.sensitivity;

/**
 * One perturbation size of a sensitivity study. Norms of E are Frobenius norms; residual quantities
 * are at true scale (they may overflow to ∞ for rescaled families with huge margins, where the
 * scaled comparison in {@code boundsHold} still decides).
 *
 * @param norm ‖E‖_F
 * @param relativeNorm ‖E‖_F/‖A‖_F
 * @param predictedShift ‖dx*‖ of the first-order prediction
 * @param measuredShift ‖x*(A+E) − x*(A)‖ of the warm-started re-solve
 * @param disagreement ‖(x*(A+E) − x*(A)) − dx*‖/‖x*(A+E) − x*(A)‖
 * @param resolveStatus how the re-solve ended
 * @param resolveIterations Newton steps of the re-solve
 * @param residualShift ‖c(A+E, x*) − c(A, x*)‖
 * @param residualRatio ‖Δc‖/‖E‖_F
 * @param lipschitzInZ L_z on the segment, so that ‖Δc‖ ≤ L_z‖Ex*‖
 * @param exNorm ‖Ex*‖
 * @param bound L_z·‖x*‖, the data-dependent bound on residualRatio
 * @param aPrioriBound the a-priori bound (maths.md §10.2) on residualRatio from the radius R
 * @param radius R = max(‖x*‖, max_i ‖a_i‖ + max_i ‖e_i‖)
 * @param boundsHold whether ‖Δc‖ ≤ L_z‖Ex*‖, residualRatio ≤ bound and residualRatio ≤ aPrioriBound
 */
public record SensitivityRow(double norm, double relativeNorm, double predictedShift, double measuredShift,
    double disagreement, String resolveStatus, int resolveIterations, double residualShift, double residualRatio,
    double lipschitzInZ, double exNorm, double bound, double aPrioriBound, double radius, boolean boundsHold) {}
