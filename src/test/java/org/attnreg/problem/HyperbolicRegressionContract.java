package org.attnreg.problem;

/**
 * The contract for {@code ½‖f(Ax) − b‖²}, against a direct evaluation of f written out here
 * ({@code (e^z ± e^{−z})/2}), independent of {@link HyperbolicFunction}.
 */
abstract class HyperbolicRegressionContract extends LossFamilyContract {

  /** f written out directly. */
  protected abstract double f(double z);

  @Override
  protected double referenceLoss(double[] z, double[] b) {
    double loss = 0.0;
    for (int i = 0; i < z.length; i++) {
      double r = f(z[i]) - b[i];
      loss += r * r;
    }
    return 0.5 * loss;
  }

  /** The loss itself overflows beyond |z| ≈ 354; 200 still needs no shift but is far from 1. */
  @Override
  protected double extremeMargin() {
    return 200.0;
  }
}
