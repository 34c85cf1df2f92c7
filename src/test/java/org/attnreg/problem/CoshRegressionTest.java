package org.attnreg.problem;

/** Cosh regression against {@code ½Σ((e^z + e^{−z})/2 − b)²}. */
class CoshRegressionTest extends HyperbolicRegressionContract {

  @Override
  protected LossFamily family() {
    return LossFamilies.byId("cosh");
  }

  @Override
  protected double f(double z) {
    return 0.5 * (Math.exp(z) + Math.exp(-z));
  }
}
