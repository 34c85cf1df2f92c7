package org.attnreg.problem;

/** Softmax regression against the direct formula ½‖softmax(z) − b‖² with a global max shift. */
class SoftmaxRegressionTest extends LossFamilyContract {

  @Override
  protected LossFamily family() {
    return SoftmaxRegression.softmax();
  }

  @Override
  protected double referenceLoss(double[] z, double[] b) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double alpha = 0.0;
    for (double v : z) {
      alpha += Math.exp(v - max);
    }
    double loss = 0.0;
    for (int i = 0; i < z.length; i++) {
      double r = Math.exp(z[i] - max) / alpha - b[i];
      loss += r * r;
    }
    return 0.5 * loss;
  }
}
