package org.attnreg.analysis.icl;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.attnreg.command.FormatOptions;
import org.attnreg.command.OutputDirOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icl}: the issue-8 analysis of in-context learning versus weight shifting for softmax
 * regression (maths.md §7, arXiv 2304.13276), on the driver. Exit codes: 0 ok, 2 configuration (bad
 * option, instance too large), 3 input/output.
 */
@Command(name = "icl", mixinStandardHelpOptions = true,
    description = {"In-context learning vs weight shifting for softmax regression (arXiv 2304.13276), on the driver:",
        "1. weight shift x' = x − η∇L(x) and its equivalent target shift b' = b + f(A,x') − f(A,x);",
        "2. data shift by one softmax self-attention layer A' = A + softmax(AQKᵀAᵀ)AV and its target shift;",
        "   both ratios ‖b'−b‖/‖shift‖ against the paper's M = n^1.5·exp(10R²) and the tight R/2;",
        "3. a single softmax attention layer trained on synthetic softmax-regression tasks vs one-step GD",
        "   (Preds Diff, Model Diff, Model Cos, losses; mean ± std over repetitions).",
        "Writes icl.json, icl.csv and PNG charts to --out and prints a summary."})
public final class IclCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(IclCommand.class);

  @Option(names = "--input", paramLabel = "PATH", description = "Instance (A, b) to analyse; default: a synthetic one.")
  String input;

  /** How --input is laid out: the options of {@code solve} (format, header, columns, …). */
  @Mixin
  FormatOptions layout = new FormatOptions();

  @Option(names = "--n", defaultValue = "200", description = "Rows of the synthetic instance (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--d", defaultValue = "20", description = "Columns of the synthetic instance (default: ${DEFAULT-VALUE}).")
  int d;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin
  OutputDirOption out;

  @Option(names = "--x", paramLabel = "PATH", description = "Base point x (CSV, one row or column); default: the solution.")
  String x;

  @Option(names = "--eta", description = "GD step η of the weight shift; default: 1/‖∇²L(x)‖₂ at each point.")
  Double eta;

  @Option(names = "--attention-scale", defaultValue = "1.0",
      description = "Random Q, K, V entries are N(0, scale²/d) (default: ${DEFAULT-VALUE}).")
  double attentionScale;

  @Option(names = "--q", paramLabel = "PATH", description = "Q (d×d CSV); --q, --k, --v go together.")
  String q;

  @Option(names = "--k", paramLabel = "PATH", description = "K (d×d CSV).")
  String k;

  @Option(names = "--v", paramLabel = "PATH", description = "V (d×d CSV).")
  String v;

  @Option(names = "--no-experiment", description = "Skip part 3 (the training experiment).")
  boolean noExperiment;

  @Option(names = "--settings", split = ",", paramLabel = "NxD", defaultValue = "25x20,200x20",
      description = "Experiment settings n×d with curves over steps (default: ${DEFAULT-VALUE}).")
  List<String> settings;

  @Option(names = "--d-sweep", split = ",", paramLabel = "D", defaultValue = "5,10,20,40",
      description = "Embedding sizes of the d-sweep; 0 alone for none (default: ${DEFAULT-VALUE}).")
  int[] dSweep;

  @Option(names = "--sweep-n", defaultValue = "25", description = "Context length of the d-sweep (default: ${DEFAULT-VALUE}).")
  int sweepN;

  @Option(names = "--steps", defaultValue = "1500", description = "Adam steps per training run (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--repetitions", defaultValue = "3", description = "Runs per setting (default: ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(names = "--batch", defaultValue = "32", description = "Tasks per training step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--learning-rate", defaultValue = "3e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--eval-every", defaultValue = "50", description = "Steps between evaluations (default: ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(names = "--eval-tasks", defaultValue = "256", description = "Held-out evaluation tasks (default: ${DEFAULT-VALUE}).")
  int evalTasks;

  @Option(names = "--tune-tasks", defaultValue = "512", description = "Tasks for tuning the GD step (default: ${DEFAULT-VALUE}).")
  int tuneTasks;

  private final InstanceLoader loader;

  /** This command's model: its standard output takes the summary. */
  private CommandSpec spec;

  /**
   * Keeps the model and drops the row-weight options that the read-options mixin brings: the icl
   * analyses have no regulariser, so a weight column could only be refused, and {@code --help}
   * should not offer it.
   */
  @Spec
  void spec(CommandSpec own) {
    this.spec = own;
    for (String name : WEIGHT_OPTIONS) {
      OptionSpec option = own.findOption(name);
      if (option != null) {
        own.remove(option);
      }
    }
  }

  private static final List<String> WEIGHT_OPTIONS = List.of("--weight-column", "--weight-col");

  /** A command that refuses {@code --input} until a loader is wired in. */
  public IclCommand() {
    this(InstanceLoader.NONE);
  }

  /** A command that reads {@code --input} with {@code loader}. */
  public IclCommand(InstanceLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() {
    try {
      IclReport report = run(new Configuration());
      IclSummary.print(spec.commandLine().getOut(), report, out.dir);
      LOG.info("icl: results written to {}", out.dir);
      return 0;
    } catch (IllegalArgumentException e) {
      LOG.error("icl: {}", e.getMessage());
      return 2;
    } catch (IOException e) {
      LOG.error("icl: input/output failed: {}", e.getMessage(), e);
      return 3;
    }
  }

  /** Runs the analysis and writes the outputs; the options are validated before any work. */
  IclReport run(Configuration conf) throws IOException {
    ExperimentConfig experimentConfig = noExperiment ? null : experimentConfig();
    checkWeightFiles(); // before the instance is read
    SoftmaxInstance instance = input != null ? loader.load(input, layout) : SyntheticInstances.generate(n, d, seed);
    SelfAttention.checkSize(instance.n());
    double[] base = x == null ? null : MatrixCsv.readVector(x, conf);
    LOG.info("icl: instance n={} d={} ({})", instance.n(), instance.d(), input == null ? "synthetic" : input);
    ShiftAnalysis.Report shifts = ShiftAnalysis.run(instance, base, eta, weights(instance.d(), conf));
    logShifts(shifts);
    IclExperiment.Result experiment = experimentConfig == null ? null : IclExperiment.run(experimentConfig);
    IclReport report = new IclReport(effectiveConfig(instance), shifts, experiment);
    IclOutputs.write(new Path(out.dir), report, conf);
    return report;
  }

  private ExperimentConfig experimentConfig() {
    List<ExperimentConfig.Setting> parsed = settings.stream().map(ExperimentConfig.Setting::parse).toList();
    return new ExperimentConfig(parsed, effectiveSweep(), sweepN, steps, repetitions, batch, learningRate, evalEvery, evalTasks,
        tuneTasks, ExperimentConfig.DEFAULT_INIT_SCALE, seed);
  }

  /** The d-sweep's sizes; {@code --d-sweep 0} means none. */
  private int[] effectiveSweep() {
    return dSweep.length == 1 && dSweep[0] == 0 ? new int[0] : dSweep;
  }

  /** --q, --k and --v go together. */
  private void checkWeightFiles() {
    int given = (q == null ? 0 : 1) + (k == null ? 0 : 1) + (v == null ? 0 : 1);
    if (given != 0 && given != 3) {
      throw new IllegalArgumentException("--q, --k and --v must be given together (got " + given + " of 3)");
    }
  }

  private AttentionWeights weights(int dim, Configuration conf) throws IOException {
    if (q == null) {
      return AttentionWeights.random(dim, attentionScale, seed);
    }
    return new AttentionWeights(MatrixCsv.read(q, conf), MatrixCsv.read(k, conf), MatrixCsv.read(v, conf),
        "files " + q + ", " + k + ", " + v);
  }

  private static void logShifts(ShiftAnalysis.Report r) {
    for (WeightShift.Result w : r.weightShifts()) {
      LOG.info("icl: weight shift at {}: η = {}, ‖x'−x‖ = {}, ‖b'−b‖ = {}, ratio = {} ≤ R/2 = {} ≤ M = 10^{}",
          w.point(), w.eta(), w.xShift(), w.bShift(), w.ratio(), w.bounds().tight(), w.bounds().paperLog10M());
    }
    DataShift.Result s = r.dataShift();
    LOG.info("icl: data shift: ‖A'−A‖₂ = {}, ‖b'−b‖ = {}, ratio = {} ≤ ‖x‖/2 = {} ≤ R/2 = {} ≤ M = 10^{}",
        s.aShift(), s.bShift(), s.ratio(), s.normBound(), s.bounds().tight(), s.bounds().paperLog10M());
  }

  /**
   * The options in effect. {@code n} and {@code d} are those of the instance analysed (read or
   * generated); the experiment's tasks have their own sizes ({@code experimentSettings},
   * {@code experimentDSweep} at {@code experimentSweepN}).
   */
  private Map<String, Object> effectiveConfig(SoftmaxInstance instance) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("input", input == null ? "synthetic" : input);
    c.put("format", input == null ? null : layout.formatName());
    c.put("n", instance.n());
    c.put("d", instance.d());
    c.put("seed", seed);
    c.put("x", x == null ? "solution" : x);
    c.put("eta", eta == null ? "1/‖∇²L(x)‖₂" : eta);
    c.put("attentionScale", attentionScale);
    c.put("q", q);
    c.put("k", k);
    c.put("v", v);
    c.put("experiment", !noExperiment);
    c.put("experimentSettings", settings);
    c.put("experimentDSweep", Arrays.toString(effectiveSweep()));
    c.put("experimentSweepN", sweepN);
    c.put("steps", steps);
    c.put("repetitions", repetitions);
    c.put("batch", batch);
    c.put("learningRate", learningRate);
    c.put("evalEvery", evalEvery);
    c.put("evalTasks", evalTasks);
    c.put("tuneTasks", tuneTasks);
    return c;
  }
}
