package org.attnreg.problem;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.testkit.RandomProblems;

/**
 * Softmax–ReLU regression against {@code ½‖softmax(max(z, 0)) − b‖²}. The loss has a kink wherever a
 * margin crosses 0, so the test points keep every margin of every contract matrix well away from 0
 * (further than any finite-difference step moves it); x = 0, where all margins sit on the kink, is
 * excluded.
 */
class SoftmaxReluRegressionTest extends LossFamilyContract {
  /** Smallest |a_i·x| a test point may have: 100× the largest finite-difference change of a margin. */
  private static final double KINK_CLEARANCE = 1e-3;
  private static final long[] CONTRACT_MATRIX_SEEDS = {11, 12, 13, 14, 15};

  @Override
  protected LossFamily family() {
    return LossFamilies.byId("softmax-relu");
  }

  @Override
  protected double referenceLoss(double[] z, double[] b) {
    double max = 0.0;
    for (double v : z) {
      max = Math.max(max, Math.max(v, 0.0));
    }
    double alpha = 0.0;
    for (double v : z) {
      alpha += Math.exp(Math.max(v, 0.0) - max);
    }
    double loss = 0.0;
    for (int i = 0; i < z.length; i++) {
      double r = Math.exp(Math.max(z[i], 0.0) - max) / alpha - b[i];
      loss += r * r;
    }
    return 0.5 * loss;
  }

  @Override
  protected double[][] points() {
    List<double[]> kept = new ArrayList<>();
    for (long seed = 3; kept.size() < 3 && seed < 100; seed++) {
      double[] x = RandomProblems.gaussianVector(D, 1.0, seed);
      if (clearOfKinks(x)) {
        kept.add(x);
      }
    }
    if (kept.size() < 3) {
      throw new IllegalStateException("found only " + kept.size() + " test points clear of the ReLU kink");
    }
    return kept.toArray(new double[0][]);
  }

  private boolean clearOfKinks(double[] x) {
    for (long seed : CONTRACT_MATRIX_SEEDS) {
      for (double[] row : matrix(seed)) {
        if (Math.abs(RandomProblems.dot(row, x)) < KINK_CLEARANCE) {
          return false;
        }
      }
    }
    return true;
  }
}
