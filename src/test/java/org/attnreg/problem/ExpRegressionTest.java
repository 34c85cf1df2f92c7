package org.attnreg.problem;

/** Exp regression against {@code ½Σ(e^z − b)²}. */
class ExpRegressionTest extends HyperbolicRegressionContract {

  @Override
  protected LossFamily family() {
    return LossFamilies.byId("exp");
  }

  @Override
  protected double f(double z) {
    return Math.exp(z);
  }
}
