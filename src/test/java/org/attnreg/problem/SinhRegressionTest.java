package org.attnreg.problem;

/** Sinh regression against {@code ½Σ((e^z − e^{−z})/2 − b)²}. */
class SinhRegressionTest extends HyperbolicRegressionContract {

  @Override
  protected LossFamily family() {
    return LossFamilies.byId("sinh");
  }

  @Override
  protected double f(double z) {
    return 0.5 * (Math.exp(z) - Math.exp(-z));
  }
}
