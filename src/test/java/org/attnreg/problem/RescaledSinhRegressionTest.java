package org.attnreg.problem;

/** Rescaled sinh regression against the direct formula with {@code u = (e^z − e^{−z})/2}. */
class RescaledSinhRegressionTest extends RescaledRegressionContract {

  @Override
  protected LossFamily family() {
    return LossFamilies.byId("rescaled-sinh");
  }

  @Override
  protected double f(double z) {
    return 0.5 * (Math.exp(z) - Math.exp(-z));
  }
}
