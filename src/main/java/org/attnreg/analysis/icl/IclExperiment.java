package org.attnreg.analysis.icl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiment of the NeurIPS 2024 version of arXiv 2304.13276 (maths.md §7, "Experiment"): a single
 * softmax self-attention layer trained on synthetic softmax-regression tasks, compared with the model
 * obtained by one gradient-descent step on the softmax-regression loss of the same context.
 *
 * <p><b>Task</b> ({@link IclTask#sample}), per (n, d): a weight {@code x* ~ N(0, I_d)}; context rows
 * {@code a_1..a_n} and a query row {@code a_q}, all {@code ~ N(0, I_d/d)} (margins about N(0,1)); context labels
 * {@code y_i = n·softmax(Ax*)_i = exp(a_i·x* − log((1/n)Σ_k exp(a_k·x*)))} (the softmax-regression target
 * b = y/n, rescaled to mean 1), and the query label {@code y_q = exp(a_q·x* − log((1/n)Σ_k exp(a_k·x*)))},
 * i.e. the same formula with the context's normaliser.
 *
 * <p><b>Attention model</b> ({@link AttentionModel}): tokens {@code e_i = (a_i, y_i)} and
 * {@code e_q = (a_q, 0)} in R^{d+1}; the query position attends over the n context tokens with scores
 * {@code e_qᵀ W e_j} and outputs {@code ŷ_attn = Σ_j softmax(s)_j vᵀe_j}. Parameters W ((d+1)²) and v
 * (d+1) start N(0, initScale²) and are trained by Adam on {@code ½(ŷ_attn − y_q)²}, averaged over a fresh
 * batch of tasks per step, with the hand-derived gradients of {@link AttentionModel}.
 *
 * <p><b>GD model</b> ({@link GdModel}): {@code x₁ = −η∇L(0)} for the context's loss
 * {@code L(x) = ½‖softmax(Ax) − y/n‖²}, predicting {@code ŷ_gd = exp(a_q·x₁ − log((1/n)Σ_i exp(a_i·x₁)))};
 * η minimises the GD model's mean query loss on separate tuning tasks ({@link GdStepSize}).
 *
 * <p><b>Sensitivity</b>: the gradient of each model's prediction with respect to the query row a_q
 * (d-vector), with the context fixed. <b>Measures</b>: see {@link Measures}, on held-out tasks, at
 * step 0, every {@code evalEvery} steps and the last step; then mean and (sample) standard deviation
 * over repetitions, which differ in every seed (tasks, tuning, initialisation, batches). The d-sweep
 * reports the last checkpoint of runs at (sweepN, d) for each d.
 */
public final class IclExperiment {
  private static final Logger LOG = LoggerFactory.getLogger(IclExperiment.class);

  private IclExperiment() {}

  public static Result run(ExperimentConfig config) {
    Map<ExperimentConfig.Setting, Summary> done = new HashMap<>();
    List<Summary> curves = new ArrayList<>();
    for (ExperimentConfig.Setting s : config.settings()) {
      curves.add(done.computeIfAbsent(s, k -> summarise(config, k)));
    }
    List<Summary> sweep = new ArrayList<>();
    for (int d : config.dSweep()) {
      sweep.add(done.computeIfAbsent(new ExperimentConfig.Setting(config.sweepN(), d), k -> summarise(config, k)));
    }
    return new Result(config.checkpoints(), curves, sweep);
  }

  private static Summary summarise(ExperimentConfig config, ExperimentConfig.Setting s) {
    long start = System.nanoTime();
    List<TrainingRun.Trace> traces = new ArrayList<>();
    for (int r = 0; r < config.repetitions(); r++) {
      traces.add(TrainingRun.run(config, s.n(), s.d(), r));
      LOG.info("icl experiment n={} d={}: repetition {}/{} done, final {}", s.n(), s.d(), r + 1,
          config.repetitions(), traces.get(r).measures().get(traces.get(r).measures().size() - 1));
    }
    LOG.info("icl experiment n={} d={}: {} repetitions in {} s", s.n(), s.d(), config.repetitions(),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) * 1e-9));
    return Summary.of(s, traces);
  }

  /**
   * The experiment's outcome.
   *
   * @param steps the checkpoints (training steps) of every curve
   * @param curves one summary per configured setting
   * @param sweep one summary per d of the sweep, at n = sweepN
   */
  public record Result(int[] steps, List<Summary> curves, List<Summary> sweep) {}

  /**
   * Mean and standard deviation over repetitions of the measures at every checkpoint of one (n, d).
   *
   * @param n context length
   * @param d embedding size
   * @param etas the tuned GD step of each repetition
   * @param mean per checkpoint
   * @param std per checkpoint (sample standard deviation; 0 for a single repetition)
   */
  public record Summary(int n, int d, double[] etas, List<Measures> mean, List<Measures> std) {

    static Summary of(ExperimentConfig.Setting s, List<TrainingRun.Trace> traces) {
      int checkpoints = traces.get(0).measures().size();
      double[] etas = traces.stream().mapToDouble(TrainingRun.Trace::eta).toArray();
      List<Measures> mean = new ArrayList<>();
      List<Measures> std = new ArrayList<>();
      for (int c = 0; c < checkpoints; c++) {
        double[][] values = new double[traces.size()][];
        for (int r = 0; r < traces.size(); r++) {
          values[r] = traces.get(r).measures().get(c).toArray();
        }
        double[][] ms = meanStd(values);
        mean.add(Measures.fromArray(ms[0]));
        std.add(Measures.fromArray(ms[1]));
      }
      return new Summary(s.n(), s.d(), etas, mean, std);
    }

    /** The last checkpoint's mean. */
    public Measures finalMean() {
      return mean.get(mean.size() - 1);
    }

    /** The last checkpoint's std. */
    public Measures finalStd() {
      return std.get(std.size() - 1);
    }
  }

  /** Column-wise mean and sample standard deviation of {@code values[repetition][measure]}. */
  static double[][] meanStd(double[][] values) {
    int k = values[0].length;
    int r = values.length;
    double[] mean = new double[k];
    double[] std = new double[k];
    for (double[] v : values) {
      for (int j = 0; j < k; j++) {
        mean[j] += v[j] / r;
      }
    }
    if (r > 1) {
      for (double[] v : values) {
        for (int j = 0; j < k; j++) {
          std[j] += (v[j] - mean[j]) * (v[j] - mean[j]) / (r - 1);
        }
      }
      for (int j = 0; j < k; j++) {
        std[j] = Math.sqrt(std[j]);
      }
    }
    return new double[][] {mean, std};
  }
}
