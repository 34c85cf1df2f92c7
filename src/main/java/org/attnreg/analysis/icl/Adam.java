package org.attnreg.analysis.icl;

/**
 * Adam (Kingma and Ba 2015) with bias correction: {@code m ← β₁m + (1−β₁)g},
 * {@code v ← β₂v + (1−β₂)g²}, {@code θ ← θ − lr·m̂/(√v̂ + ε)}. One instance belongs to one training run.
 */
final class Adam {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private final double learningRate;
  private final double[] m;
  private final double[] v;
  private int t;

  Adam(int size, double learningRate) {
    this.learningRate = learningRate;
    this.m = new double[size];
    this.v = new double[size];
  }

  /** One update of θ in place from the gradient g. */
  void step(double[] theta, double[] g) {
    t++;
    double c1 = 1.0 - Math.pow(BETA1, t);
    double c2 = 1.0 - Math.pow(BETA2, t);
    for (int j = 0; j < theta.length; j++) {
      m[j] = BETA1 * m[j] + (1.0 - BETA1) * g[j];
      v[j] = BETA2 * v[j] + (1.0 - BETA2) * g[j] * g[j];
      theta[j] -= learningRate * (m[j] / c1) / (Math.sqrt(v[j] / c2) + EPSILON);
    }
  }
}
