package org.attnreg.problem;

/** Rescaled exp regression against the direct formula with {@code u = e^z}. */
class RescaledExpRegressionTest extends RescaledRegressionContract {

  @Override
  protected LossFamily family() {
    return LossFamilies.byId("rescaled-exp");
  }

  @Override
  protected double f(double z) {
    return Math.exp(z);
  }
}
