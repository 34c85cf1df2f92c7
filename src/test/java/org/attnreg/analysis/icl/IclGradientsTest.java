package org.attnreg.analysis.icl;

import java.util.SplittableRandom;
import org.attnreg.stats.Derivatives;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every hand-derived derivative the icl jobs use, against central differences. */
class IclGradientsTest {

  private static double[] perturbed(double[] theta, double scale, SplittableRandom rnd) {
    double[] t = theta.clone();
    for (int j = 0; j < t.length; j++) {
      t[j] += scale * Gaussians.next(rnd);
    }
    return t;
  }

  @org.junit.jupiter.api.Test
  void theCheckerRejectsAWrongGradient() {
    org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
        () -> FiniteDifferences.assertGradient("x²", x -> x[0] * x[0], new double[] {1.5}, new double[] {2.0}));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void attentionLossGradientMatchesFiniteDifferences(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int d = 3 + (int) seed;
    AttentionModel model = new AttentionModel(d);
    IclTask task = IclTask.sample(6 + (int) seed, d, rnd);
    double[] theta = seed == 1 ? new double[model.size()] : model.init(0.5, rnd);
    double[] grad = new double[model.size()];
    model.addLossGradient(theta, task, 1.0, grad);
    FiniteDifferences.assertGradient("∂ℓ/∂θ (seed " + seed + ")", t -> {
      double e = model.predict(t, task) - task.yq();
      return 0.5 * e * e;
    }, theta, grad);
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 6, 7})
  void attentionSensitivityMatchesFiniteDifferences(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int d = 4;
    AttentionModel model = new AttentionModel(d);
    IclTask task = IclTask.sample(9, d, rnd);
    double[] theta = perturbed(model.init(0.3, rnd), 0.1, rnd);
    FiniteDifferences.assertGradient("∂ŷ_attn/∂a_q (seed " + seed + ")",
        aq -> model.predict(theta, new IclTask(task.a(), task.y(), aq, task.yq())), task.aq(),
        model.sensitivity(theta, task));
  }

  @ParameterizedTest
  @ValueSource(longs = {8, 9, 10})
  void gdSensitivityMatchesFiniteDifferences(long seed) {
    IclTask task = IclTask.sample(12, 5, new SplittableRandom(seed));
    double[] x1 = GdModel.weights(task, 30.0 * seed);
    FiniteDifferences.assertGradient("∂ŷ_gd/∂a_q (seed " + seed + ")",
        aq -> GdModel.predict(new IclTask(task.a(), task.y(), aq, task.yq()), x1), task.aq(),
        GdModel.sensitivity(task, x1));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void gradientAtOriginMatchesFiniteDifferencesAndTheEvaluator(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] a = Gaussians.matrix(15, 4, 1.0, rnd);
    // b off the simplex on purpose: the closed form must hold for any b.
    double[] b = Gaussians.vector(15, 0.3, rnd);
    double[] exact = GdModel.gradientAtOrigin(a, b);
    FiniteDifferences.assertGradient("∇L(0) (seed " + seed + ")", x -> {
      double[] f = Softmax.predict(a, x);
      double s = 0.0;
      for (int i = 0; i < f.length; i++) {
        s += 0.5 * (f[i] - b[i]) * (f[i] - b[i]);
      }
      return s;
    }, new double[4], exact);
    Derivatives der = new SoftmaxInstance(a, b).derivatives(new double[4]);
    for (int j = 0; j < 4; j++) {
      org.junit.jupiter.api.Assertions.assertEquals(der.gradient()[j], exact[j], 1e-12, "coordinate " + j);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {14, 15})
  void evaluatorGradientAndHessianMatchFiniteDifferencesAtShiftPoints(long seed) {
    SoftmaxInstance instance = SyntheticInstances.generate(40, 5, seed);
    double[] x = Gaussians.vector(5, 1.0, new SplittableRandom(seed));
    Derivatives der = instance.derivatives(x);
    FiniteDifferences.assertGradient("∇L (seed " + seed + ")", p -> instance.derivatives(p).loss(), x,
        der.gradient());
    for (int c = 0; c < 5; c++) {
      int col = c;
      double[] column = new double[5];
      for (int r = 0; r < 5; r++) {
        column[r] = der.hessian()[r * 5 + col];
      }
      FiniteDifferences.assertGradient("∇²L column " + c + " (seed " + seed + ")",
          p -> instance.derivatives(p).gradient()[col], x, column);
    }
  }
}
