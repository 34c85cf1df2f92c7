package org.attnreg.analysis.icl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The experiment's construction: tasks, the tuned GD model, training and the summary statistics. */
class IclExperimentTest {

  private static ExperimentConfig small(int steps, int repetitions) {
    return new ExperimentConfig(List.of(new ExperimentConfig.Setting(10, 3)), new int[0], 10, steps, repetitions, 16,
        ExperimentConfig.DEFAULT_LEARNING_RATE, 100, 128, 128, ExperimentConfig.DEFAULT_INIT_SCALE, 11);
  }

  @Test
  void taskLabelsAreTheRescaledSoftmaxTargetAndTheQueryUsesTheContextNormaliser() {
    IclTask task = IclTask.sample(8, 3, new SplittableRandom(1));
    double sum = 0.0;
    for (double y : task.y()) {
      sum += y;
    }
    assertEquals(8.0, sum, 1e-12, "y = n·softmax(Ax*) sums to n");
    // Labels are exp(z − log mean exp z): the context labels' log-ratios are the margin differences, so
    // a model predicting with the planted weight would reproduce them; here check positivity and scale.
    for (double y : task.y()) {
      assertTrue(y > 0.0 && y < 8.0, "label " + y);
    }
    assertTrue(task.yq() > 0.0);
  }

  @Test
  void tunedGdStepIsNoWorseThanNeighbouringSteps() {
    List<IclTask> tasks = IclTask.sample(10, 3, 200, 5);
    double eta = GdStepSize.tune(tasks);
    double at = meanGdLoss(tasks, eta);
    assertTrue(at <= meanGdLoss(tasks, eta * 1.5) + 1e-12 && at <= meanGdLoss(tasks, eta / 1.5) + 1e-12,
        "η = " + eta + " is not a local minimum");
    assertTrue(at < meanGdLoss(tasks, 0.0), "one GD step must beat predicting 1 (x₁ = 0)");
  }

  private static double meanGdLoss(List<IclTask> tasks, double eta) {
    double s = 0.0;
    for (IclTask t : tasks) {
      double e = GdModel.predict(t, GdModel.weights(t, eta)) - t.yq();
      s += 0.5 * e * e;
    }
    return s / tasks.size();
  }

  @Test
  void trainingLowersTheAttentionLossAndAlignsItsSensitivityWithGd() {
    IclExperiment.Result r = IclExperiment.run(small(400, 1));
    IclExperiment.Summary s = r.curves().get(0);
    Measures first = s.mean().get(0);
    Measures last = s.finalMean();
    assertTrue(last.lossAttention() < first.lossAttention(), first + " → " + last);
    assertTrue(last.modelCos() > first.modelCos() + 0.2, first + " → " + last);
    assertEquals(0.0, s.finalStd().lossAttention(), "one repetition has no spread");
  }

  @Test
  void runsAreReproducibleAndRepetitionsDiffer() {
    IclExperiment.Result a = IclExperiment.run(small(30, 2));
    IclExperiment.Result b = IclExperiment.run(small(30, 2));
    assertEquals(a.curves().get(0).mean(), b.curves().get(0).mean());
    assertArrayEquals(new int[] {0, 30}, a.steps());
    assertTrue(a.curves().get(0).finalStd().lossGd() > 0.0, "repetitions use different tasks");
  }

  @Test
  void meanAndSampleStandardDeviation() {
    double[][] ms = IclExperiment.meanStd(new double[][] {{1, 10}, {3, 10}});
    assertArrayEquals(new double[] {2, 10}, ms[0], 1e-15);
    assertArrayEquals(new double[] {Math.sqrt(2), 0}, ms[1], 1e-15);
  }

  @Test
  void checkpointsIncludeTheFirstAndLastStep() {
    assertArrayEquals(new int[] {0, 100, 200, 250}, small(250, 1).checkpoints());
    assertArrayEquals(new int[] {0, 100, 200}, small(200, 1).checkpoints());
  }
}
