package org.attnreg.problem;

import org.attnreg.extra.LinearRegression;

/** The extra family passes the same contract as every product family: nothing else is needed. */
class LinearRegressionContractTest extends LossFamilyContract {

  @Override
  protected LossFamily family() {
    return new LinearRegression();
  }

  @Override
  protected double referenceLoss(double[] z, double[] b) {
    double s = 0.0;
    for (int i = 0; i < z.length; i++) {
      s += (z[i] - b[i]) * (z[i] - b[i]);
    }
    return 0.5 * s;
  }
}
