package org.attnreg.analysis.icl;

import java.util.Arrays;
import java.util.List;

/**
 * Settings of the in-context-learning experiment, validated on construction.
 *
 * @param settings the (n, d) settings whose curves over training steps are recorded
 * @param dSweep embedding sizes d of the sweep (empty for none), each trained at n = {@code sweepN}
 * @param sweepN the context length n of the d-sweep
 * @param steps Adam steps per training run
 * @param repetitions independent runs (fresh seeds for tasks and initialisation) per (n, d)
 * @param batchSize tasks per training step
 * @param learningRate Adam's learning rate
 * @param evalEvery steps between evaluations (step 0 and the last step are always evaluated)
 * @param evalTasks held-out tasks the measures are averaged over
 * @param tuneTasks tasks used to tune the GD model's step η
 * @param initScale standard deviation of the initial attention parameters
 * @param seed the seed every random draw derives from
 */
public record ExperimentConfig(List<Setting> settings, int[] dSweep, int sweepN, int steps, int repetitions,
    int batchSize, double learningRate, int evalEvery, int evalTasks, int tuneTasks, double initScale, long seed) {
  public static final List<Setting> DEFAULT_SETTINGS = List.of(new Setting(25, 20), new Setting(200, 20));
  public static final int[] DEFAULT_D_SWEEP = {5, 10, 20, 40};
  public static final int DEFAULT_SWEEP_N = 25;
  public static final int DEFAULT_STEPS = 1500;
  public static final int DEFAULT_REPETITIONS = 3;
  public static final int DEFAULT_BATCH = 32;
  public static final double DEFAULT_LEARNING_RATE = 3e-3;
  public static final int DEFAULT_EVAL_EVERY = 50;
  public static final int DEFAULT_EVAL_TASKS = 256;
  public static final int DEFAULT_TUNE_TASKS = 512;
  public static final double DEFAULT_INIT_SCALE = 0.01;

  public ExperimentConfig {
    settings = List.copyOf(settings);
    dSweep = dSweep.clone();
    for (int d : dSweep) {
      positive("sweep embedding size d", d);
    }
    positive("sweep n", sweepN);
    positive("steps", steps);
    positive("repetitions", repetitions);
    positive("batch size", batchSize);
    positive("eval-every", evalEvery);
    positive("eval tasks", evalTasks);
    positive("tune tasks", tuneTasks);
    if (!(learningRate > 0.0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite: " + learningRate);
    }
    if (!(initScale >= 0.0) || !Double.isFinite(initScale)) {
      throw new IllegalArgumentException("init scale must be finite and non-negative: " + initScale);
    }
  }

  public static ExperimentConfig defaults(long seed) {
    return new ExperimentConfig(DEFAULT_SETTINGS, DEFAULT_D_SWEEP, DEFAULT_SWEEP_N, DEFAULT_STEPS,
        DEFAULT_REPETITIONS, DEFAULT_BATCH, DEFAULT_LEARNING_RATE, DEFAULT_EVAL_EVERY, DEFAULT_EVAL_TASKS,
        DEFAULT_TUNE_TASKS, DEFAULT_INIT_SCALE, seed);
  }

  /** The steps at which measures are recorded: 0, evalEvery, 2·evalEvery, …, and always {@code steps}. */
  public int[] checkpoints() {
    int count = steps / evalEvery + 1;
    int[] c = new int[count + (steps % evalEvery == 0 ? 0 : 1)];
    for (int k = 0; k < count; k++) {
      c[k] = k * evalEvery;
    }
    c[c.length - 1] = steps;
    return c;
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }

  @Override
  public String toString() {
    return "ExperimentConfig[settings=" + settings + ", dSweep=" + Arrays.toString(dSweep) + ", sweepN=" + sweepN
        + ", steps=" + steps + ", repetitions=" + repetitions + ", batch=" + batchSize + ", lr=" + learningRate
        + ", seed=" + seed + "]";
  }

  /** One (context length n, embedding size d) setting. */
  public record Setting(int n, int d) {
    public Setting {
      positive("context length n", n);
      positive("embedding size d", d);
    }

    /** Parses {@code "25x20"} (n × d). */
    public static Setting parse(String s) {
      String[] parts = s.trim().toLowerCase(java.util.Locale.ROOT).split("x");
      if (parts.length != 2) {
        throw new IllegalArgumentException("a setting is written NxD, e.g. 25x20: '" + s + "'");
      }
      try {
        return new Setting(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a setting is written NxD, e.g. 25x20: '" + s + "'", e);
      }
    }

    @Override
    public String toString() {
      return n + "x" + d;
    }
  }
}
