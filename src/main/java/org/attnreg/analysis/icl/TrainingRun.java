package org.attnreg.analysis.icl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One repetition of the experiment at one (n, d): tune the GD model's η, train the attention layer
 * with Adam on fresh task batches, and evaluate both on fixed held-out tasks at every checkpoint.
 */
final class TrainingRun {
  /** Purposes that name independent random streams. */
  private static final long EVAL = 1;
  private static final long TUNE = 2;
  private static final long INIT = 3;
  private static final long TRAIN = 4;

  private TrainingRun() {}

  /**
   * The trace of one run.
   *
   * @param eta the tuned GD step
   * @param measures one entry per checkpoint of {@link ExperimentConfig#checkpoints()}
   */
  record Trace(double eta, List<Measures> measures) {}

  static Trace run(ExperimentConfig config, int n, int d, int repetition) {
    long base = config.seed();
    List<IclTask> eval = IclTask.sample(n, d, config.evalTasks(), Gaussians.seed(base, n, d, repetition, EVAL));
    double eta = GdStepSize.tune(IclTask.sample(n, d, config.tuneTasks(), Gaussians.seed(base, n, d, repetition, TUNE)));
    AttentionModel model = new AttentionModel(d);
    double[] theta = model.init(config.initScale(), new SplittableRandom(Gaussians.seed(base, n, d, repetition, INIT)));
    Adam adam = new Adam(model.size(), config.learningRate());
    int[] checkpoints = config.checkpoints();
    List<Measures> measures = new ArrayList<>();
    int next = 0;
    for (int step = 0; step <= config.steps(); step++) {
      if (step == checkpoints[next]) {
        measures.add(Measures.evaluate(model, theta, eta, eval));
        next++;
      }
      if (step < config.steps()) {
        SplittableRandom rnd = new SplittableRandom(Gaussians.seed(base, n, d, repetition, TRAIN, step));
        adam.step(theta, batchGradient(model, theta, n, d, config.batchSize(), rnd));
      }
    }
    return new Trace(eta, measures);
  }

  /** The mean query-loss gradient over a fresh batch of tasks. */
  static double[] batchGradient(AttentionModel model, double[] theta, int n, int d, int batch, SplittableRandom rnd) {
    double[] grad = new double[model.size()];
    for (int b = 0; b < batch; b++) {
      model.addLossGradient(theta, IclTask.sample(n, d, rnd), 1.0 / batch, grad);
    }
    return grad;
  }
}
