package org.attnreg.problem;

/**
 * Derivative terms of a family whose rows need no globals (exp, cosh, sinh): every row's weights
 * are its own, so a fused pass has nothing to predict or correct. A family opts in by implementing
 * this instead of {@link DerivativeSums}; one with globals must correct them itself.
 */
public interface LocalTerms extends DerivativeSums {

  /** No globals: the terms are exact as taken. */
  @Override
  default boolean correctTo(Globals exact, double[][] vectorSums, boolean curvatureRescales) {
    return true;
  }

  @Override
  default GlobalsSlope slope(double[][] vectorSums) {
    return GlobalsSlope.NONE;
  }
}
