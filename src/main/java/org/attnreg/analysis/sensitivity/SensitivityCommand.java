package org.attnreg.analysis.sensitivity;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.command.SessionFactory;
import org.attnreg.command.SparkSolveOptions;
import org.attnreg.io.LoadedData;
import org.attnreg.io.StartingPoint;
import org.attnreg.job.SolveJob;
import org.attnreg.job.SolveOptions;
import org.attnreg.job.SolveRequest;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.OutputPlace;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.spark.SparkSessions;
import org.attnreg.stats.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnreg sensitivity}: how x* moves when A is perturbed (arXiv 2305.00660, maths.md §10). */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Sensitivity of the solution to the data matrix A (arXiv 2305.00660): solve at A, then for each",
        "‖E‖_F of the sweep compare the first-order shift dx* = −H(x*)⁻¹(∂_A∇L)[E] (one extra pass for the whole",
        "sweep) with a re-solve at A + E warm-started at x*, and check ‖c(A+E,x*) − c(A,x*)‖ against the family's",
        "Lipschitz bound. E is random (per-row keyed by --seed) or read from --perturbation.",
        "Writes sensitivity.csv, sensitivity.png and sensitivity.json to --out. Exit codes: 0 ok, 2 bad usage,",
        " 3 bad input data, 4 the solve at A did not converge (results still written), 1 other failure."})
public final class SensitivityCommand implements Callable<Integer> {
  /** Default sweep: four values per decade from 1e-4 to 1e-1. */
  static final int PER_DECADE = 4;

  @Spec
  CommandSpec spec;

  /** The solve at A; its solver options are those of every re-solve (dx* always uses the exact Hessian). */
  @Mixin
  SparkSolveOptions run;

  @Option(names = "--norms", split = ",", paramLabel = "T",
      description = "Frobenius norms ‖E‖_F to study (default: 1e-4 … 1e-1, four per decade).")
  double[] norms;

  @Option(names = "--perturbation", paramLabel = "PATH",
      description = "Read the direction of E from this file (the input's format and layout without a weight column,"
          + " label column ignored; rows matched to A's by order); default: random N(0,1) entries on A's pattern.")
  String perturbation;

  @Option(names = "--x0", paramLabel = "PATH", description = "Start of the solve at A: an x.csv or summary.json.")
  String x0;

  private final SessionFactory sessions;
  private final DataSource source;

  /**
   * @param sessions starts the session once every check that needs no data has passed
   * @param source reads the instance and the perturbation file
   */
  public SensitivityCommand(SessionFactory sessions, DataSource source) {
    this.sessions = sessions;
    this.source = source;
  }

  @Override
  public Integer call() {
    SolveOptions options = run.solver.toSolveOptions();
    options.regularizer(run.input.rowWeights()); // refuses --reg-w with a weight column, before Spark starts
    run.input.toReadOptions(0); // --format, --partitions, --block-rows, …: before any file is looked at
    String family = options.family();
    long seed = options.seed();
    double[] sweep = sweep(norms);
    PrintWriter stdout = spec.commandLine().getOut();
    Configuration before = SparkSessions.hadoopConfiguration(run.master.url);
    checkPaths(before);
    run.input.checkInput(before);
    if (perturbation != null) {
      run.input.layout.checkInput(before, perturbation);
    }
    SensitivityStudy.residualsOf(options.lossFamily()); // a family without a residual bound is refused here
    SparkSession spark = sessions.create("attnreg sensitivity " + family, run.master.url);
    checkPaths(spark.sparkContext().hadoopConfiguration()); // Spark's configuration may name other file systems
    LoadedData data = source.load(spark, run.input, null);
    LoadedData eData = null;
    JavaRDD<BlockPair> pairs = null;
    try {
      eData = perturbation == null ? null : source.load(spark, run.input, perturbation);
      pairs = eData == null ? SparkPerturbedData.randomPairs(data.blocks(), seed) : PerturbationFile.align(data, eData);
      stdout.printf(Locale.ROOT, "attnreg sensitivity: family %s, n = %d, d = %d, %d partitions; E %s; %d norms%n",
          family, data.n(), data.d(), data.partitions(), describeE(), sweep.length);
      SensitivityReport report = run(spark, data, pairs, options, sweep, stdout);
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      AtomicFiles files = AtomicFiles.in(run.out.dir, conf);
      SensitivityOutputs.clearStale(files);
      SensitivityOutputs.write(files, report, context(options, data, sweep));
      return finish(report, stdout);
    } finally {
      data.unpersist();
      if (eData != null) {
        eData.unpersist();
      }
      if (eData != null && pairs != null) {
        pairs.unpersist(false);
      }
    }
  }

  private SensitivityReport run(SparkSession spark, LoadedData data, JavaRDD<BlockPair> pairs, SolveOptions options,
      double[] sweep, PrintWriter stdout) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Problem problem = new Problem(options.lossFamily(), options.regularizer(data.rowWeighted()), data.d());
    SparkPerturbedData perturbed = new SparkPerturbedData(sc, data.blocks(), pairs, problem);
    NewtonSolver solver = new NewtonSolver(options.solverConfig(), options.curvature(data.n(), data.d(), data.nnz(), data.partitions()).curvature());
    double[] start = x0 == null ? null : StartingPoint.read(x0, data.d(), spark.sparkContext().hadoopConfiguration());
    IterationListener iterations = (r, x) -> stdout.printf(Locale.ROOT, "solve at A: iteration %d, loss %.6e, |grad| %.3e%n",
        r.iteration(), r.loss(), r.gradientNorm());
    SolveResult base = SolveJob.run(spark, data, SolveRequest.of(options).withStart(start)
        .withJobPrefix("sensitivity at A: ").withListener(iterations).withGramKernel(run.solver.gramKernel)).result();
    return new SensitivityStudy(solver, iterations).around(perturbed, options.lossFamily(), base, sweep,
        row -> progress(stdout, row));
  }

  /** --out can harm neither --input, --perturbation nor --x0, and is not an existing file. */
  private void checkPaths(Configuration conf) {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("--input", run.input.input);
    if (perturbation != null) {
      inputs.put("--perturbation", perturbation);
    }
    Map<String, String> readFiles = new LinkedHashMap<>();
    if (x0 != null) {
      StartingPoint.requireFile("--x0", x0, conf);
      readFiles.put("--x0", x0);
    }
    OutputPlace.check(run.out.dir, inputs, readFiles,
        List.of(SensitivityOutputs.CSV, SensitivityOutputs.JSON, SensitivityOutputs.PNG), conf);
  }

  private static void progress(PrintWriter out, SensitivityRow r) {
    out.printf(Locale.ROOT, "‖E‖ = %.3e (%.2e‖A‖): ‖Δx*‖ = %.6e, first order %.6e, disagreement %.2e (re-solve %s, %d"
            + " it.); ‖Δc‖/‖E‖ = %.3e ≤ %.3e (L_z‖x*‖) ≤ %.3e (a priori): %s%n", r.norm(), r.relativeNorm(),
        r.measuredShift(), r.predictedShift(), r.disagreement(), r.resolveStatus(), r.resolveIterations(),
        r.residualRatio(), r.bound(), r.aPrioriBound(), r.boundsHold() ? "holds" : "VIOLATED");
    out.flush();
  }

  private int finish(SensitivityReport report, PrintWriter stdout) {
    report.solve().warnings().forEach(w -> stdout.println("warning: " + w));
    if (!report.allBoundsHold()) {
      stdout.println("warning: a residual bound was violated (see bounds_hold in " + SensitivityOutputs.CSV + ")");
    }
    stdout.printf(Locale.ROOT, "solve at A %s; residual bound: %s. Results in %s%n", report.solve().status().label(),
        report.bound().formula(), run.out.dir);
    return report.solve().converged() ? ExitCode.OK : ExitCode.NOT_CONVERGED;
  }

  /** The given norms (each finite and > 0), or the default sweep. */
  static double[] sweep(double[] given) {
    if (given == null) {
      double[] d = new double[3 * PER_DECADE + 1];
      for (int k = 0; k < d.length; k++) {
        d[k] = Math.pow(10.0, -4.0 + (double) k / PER_DECADE);
      }
      return d;
    }
    if (given.length == 0) {
      throw new IllegalArgumentException("--norms: give at least one norm");
    }
    for (double t : given) {
      if (!(t > 0.0) || !Double.isFinite(t)) {
        throw new IllegalArgumentException("--norms: every norm must be finite and > 0, got " + t);
      }
    }
    return given.clone();
  }

  private String describeE() {
    return perturbation == null ? "random (seed " + run.solver.toSolveOptions().seed() + ")" : "from " + perturbation;
  }

  private Map<String, Object> context(SolveOptions options, LoadedData data, double[] sweep) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("options", options.asMap());
    m.put("norms", sweep);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("kind", perturbation == null ? "random" : "file");
    e.put("seed", options.seed());
    e.put("path", perturbation);
    e.put("pattern", perturbation == null ? "N(0,1) entries on A's stored pattern, keyed by (seed, row id, column),"
        + " normalised to ‖E‖_F = 1" : "the file's rows matched to A's by order, normalised to ‖E‖_F = 1");
    m.put("perturbation", e);
    m.put("input", Map.of("files", data.files(), "fingerprint", data.fingerprint(), "n", data.n(), "d", data.d(),
        "nnz", data.nnz(), "partitions", data.partitions()));
    m.put("x0", x0 == null ? "family default" : x0);
    return m;
  }
}
