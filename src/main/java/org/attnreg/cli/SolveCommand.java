package org.attnreg.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.command.SessionFactory;
import org.attnreg.command.SparkSolveOptions;
import org.attnreg.command.StartupTimes;
import org.attnreg.io.DataLoader;
import org.attnreg.io.EarlyLoad;
import org.attnreg.io.InputFormat;
import org.attnreg.io.LoadedData;
import org.attnreg.io.StartingPoint;
import org.attnreg.job.Checkpoints;
import org.attnreg.job.KernelWarmUp;
import org.attnreg.job.SolveJob;
import org.attnreg.job.SolveOptions;
import org.attnreg.job.SolveRequest;
import org.attnreg.job.TraceDiagnostics;
import org.attnreg.linalg.Blas;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.output.OutputLock;
import org.attnreg.output.OutputPlace;
import org.attnreg.output.SolveOutputs;
import org.attnreg.solver.SolveResult;
import org.attnreg.spark.DriverPasses;
import org.attnreg.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnreg solve}: fits one instance and writes summary.json, trace.csv and x.csv. */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Solve one regression instance with the damped Newton method on Spark.",
        "Writes summary.json, trace.csv, x.csv, convergence.png and report.html to --out. Exit codes: 0 converged, 2 bad usage,"
            + " 3 bad input data, 4 did not converge (results still written), 1 other failure."})
public final class SolveCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  SparkSolveOptions run;

  @Option(names = "--x0", paramLabel = "PATH",
      description = "Starting point: an x.csv (one number per line) or a summary.json of an earlier solve.")
  String x0;

  @Option(names = "--diagnose",
      description = "Measure the sketched Hessian's achieved spectral error ε_t against the exact one at every"
          + " iteration (one extra exact pass each; meant for small d); written to trace.csv.")
  boolean diagnose;

  @Option(names = "--x-star", paramLabel = "PATH",
      description = "A known solution (e.g. a generated instance's _x_star.csv): trace.csv gets ‖x_t − x*‖ and the"
          + " contraction ‖x_{t+1} − x*‖/‖x_t − x*‖ of every step.")
  String xStarPath;

  @Option(names = "--verbose", description = "Log each pass over the data (job, seconds) and other details to stderr.")
  boolean verbose;

  @Option(names = "--resume",
      description = "Continue from checkpoint.json in --out (written after every accepted Newton step). Refused"
          + " (exit code 2) unless the input and every option but --max-iter are those of the checkpoint.")
  boolean resume;

  private final SessionFactory sessions;
  private final StartupTimes times;

  /** A command that starts Spark's own session (a batch instance gets the batch's instead). */
  public SolveCommand() {
    this(SessionFactory.spark(), StartupTimes.startingNow());
  }

  /**
   * @param sessions starts the session once every check that needs no data has passed
   * @param times the start-up stages, logged with {@code --verbose}
   */
  public SolveCommand(SessionFactory sessions, StartupTimes times) {
    this.sessions = sessions;
    this.times = times;
  }

  @Override
  public Integer call() {
    Level previous = LogManager.getLogger("org.attnreg").getLevel();
    if (verbose) {
      Configurator.setLevel("org.attnreg", Level.DEBUG);
    }
    try {
      return solve();
    } finally {
      Configurator.setLevel("org.attnreg", previous); // the JVM may run more commands (tests, batches)
    }
  }

  /**
   * Everything that can be refused without the data is refused before Spark starts: the options,
   * the files named by {@code --input} (that it exists, and its format by name and first bytes),
   * {@code --x0} and {@code --x-star} (existence here, content once d is known), and where
   * {@code --out} lies relative to them; then {@code --out} is created if needed and locked for the
   * whole run.
   */
  private int solve() {
    times.mark("options parsed");
    String family = checkOptions();
    Configuration conf = SparkSessions.hadoopConfiguration(run.master.url);
    checkPaths(conf);
    InputFormat format = run.input.checkInput(conf);
    PrintWriter stdout = spec.commandLine().getOut();
    try (LockedOutput out = LockedOutput.open(run.out.dir, conf, note -> stdout.println("note: " + note));
        KernelWarmUp warmUp = KernelWarmUp.start(run.solver.toSolveOptions().lossFamily());
        EarlyLoad early = startEarlyLoad(conf, format)) {
      times.mark("checks (options, input, --out)");
      SparkSession spark = sessions.create("attnreg solve " + family, run.master.url);
      times.mark("Spark session");
      // once the data is in, a warm-up solve would only take a core from the real passes
      SolveResult r = solveLocked(spark, out.files(), stdout, "", warmUp::close, early);
      return r.converged() ? ExitCode.OK : ExitCode.NOT_CONVERGED;
    }
  }

  /**
   * The input read on the driver while Spark starts ({@link EarlyLoad}), when the session will be
   * local and the passes may run on the driver: text input of at most {@link EarlyLoad#limit} bytes
   * ({@code --local-passes always}: any size); else null.
   */
  private EarlyLoad startEarlyLoad(Configuration conf, InputFormat format) {
    OptionalInt cores = SparkSessions.localParallelism(run.master.url);
    if (run.localPasses == DriverPasses.Mode.NEVER || cores.isEmpty()) {
      return null;
    }
    long limit = run.localPasses == DriverPasses.Mode.ALWAYS ? Long.MAX_VALUE
        : EarlyLoad.limit(Runtime.getRuntime().maxMemory());
    return EarlyLoad.start(conf, run.input.input, format, run.input.toReadOptions(cores.getAsInt()), limit,
        cores.getAsInt());
  }

  /** The checks that need no data and no Spark; returns the family. */
  String checkOptions() {
    SolveOptions options = run.solver.toSolveOptions();
    run.input.toReadOptions(0); // --format, --partitions, --block-rows, …: before any file is looked at
    options.regularizer(run.input.rowWeights()); // refuses --reg-w with a weight column, before Spark starts
    if (resume && x0 != null) {
      throw new IllegalArgumentException("--resume and --x0 exclude each other: a resume starts from the checkpoint");
    }
    return options.family();
  }

  /**
   * The solve in a running Spark application (a batch's): lock --out, load, solve, write the
   * results, print the summary lines to {@code stdout}.
   *
   * @param jobPrefix prefix of the Spark job descriptions (the instance name in a batch)
   */
  SolveResult solveIn(SparkSession spark, PrintWriter stdout, String jobPrefix) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    checkPaths(conf); // Spark's configuration may name other file systems (spark.hadoop.*)
    try (LockedOutput out = LockedOutput.open(run.out.dir, conf, note -> stdout.println("note: " + note))) {
      return solveLocked(spark, out.files(), stdout, jobPrefix, () -> { }, null);
    }
  }

  /**
   * Load (taking the blocks of {@code early} when it read them for this session), solve and write the
   * results into the locked {@code files}; {@code loaded} runs once the data is cached.
   */
  private SolveResult solveLocked(SparkSession spark, AtomicFiles files, PrintWriter stdout, String jobPrefix,
      Runnable loaded, EarlyLoad early) {
    SolveOptions options = run.solver.toSolveOptions();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    int defaultPartitions = spark.sparkContext().defaultParallelism();
    LoadedData data = DataLoader.load(spark, run.input.input, run.input.toReadOptions(defaultPartitions), early);
    times.mark(data.readBy().equals(LoadedData.BY_DRIVER) ? "input loaded" : "input loaded (first Spark job)");
    loaded.run();
    try {
      stdout.printf(Locale.ROOT, "attnreg solve: family %s, n = %d, d = %d, nnz = %d, %d partitions; %s%n",
          options.family(), data.n(), data.d(), data.nnz(), data.partitions(), Blas.describe());
      double[] start = x0 == null ? null : StartingPoint.read(x0, data.d(), conf);
      double[] xStar = xStarPath == null ? null : StartingPoint.read(xStarPath, data.d(), conf);
      SolveRequest request = SolveRequest.of(options).withStart(start)
          .withCheckpoints(new Checkpoints(files, run.input.layout.identity(), layout(data)), resume)
          .withDiagnostics(new TraceDiagnostics(diagnose, xStar)).withJobPrefix(jobPrefix)
          .withListener(new ProgressPrinter(stdout, "")).withPasses(run.localPasses)
          .withGramKernel(run.solver.gramKernel);
      return writeResults(SolveJob.run(spark, data, request), files, stdout);
    } finally {
      data.unpersist();
    }
  }

  private SolveResult writeResults(SolveJob.Outcome outcome, AtomicFiles files, PrintWriter stdout) {
    outcome.notes().forEach(w -> stdout.println("note: " + w));
    SolveResult r = outcome.result();
    outcome.summary().put("command_line", commandLine());
    outcome.summary().put("read", run.input.layout.identity());
    SolveOutputs.write(files, r, outcome.traceColumns(), outcome.summary());
    r.warnings().forEach(w -> stdout.println("warning: " + w));
    stdout.printf(Locale.ROOT, "%s after %d iteration%s: loss %.6e, |grad| %.3e (%s). Results in %s%n",
        r.status().label(), r.iterations(), r.iterations() == 1 ? "" : "s", r.loss(), r.gradientNorm(), r.message(),
        run.out.dir);
    return r;
  }

  /** The command as typed after the launcher ({@code jobs/solve …}), for the report. */
  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int first = args.indexOf(spec.name()) + 1; // the launcher's own words come before "solve"
    StringBuilder sb = new StringBuilder("jobs/solve");
    args.subList(first, args.size()).forEach(a -> sb.append(' ').append(a));
    return sb.toString();
  }

  /** The files --x0 and --x-star exist, and --out can harm neither them nor --run.input. */
  private void checkPaths(Configuration conf) {
    Map<String, String> readFiles = new LinkedHashMap<>();
    if (x0 != null) {
      StartingPoint.requireFile("--x0", x0, conf);
      readFiles.put("--x0", x0);
    }
    if (xStarPath != null) {
      StartingPoint.requireFile("--x-star", xStarPath, conf);
      readFiles.put("--x-star", xStarPath);
    }
    List<String> written = new ArrayList<>(SolveOutputs.fileNames());
    written.add(Checkpoint.FILE);
    written.add(OutputLock.FILE);
    OutputPlace.check(run.out.dir, Map.of("--input", run.input.input), readFiles, written, conf);
  }

  private Map<String, Object> layout(LoadedData data) {
    return new LinkedHashMap<>(Map.of("partitions", data.partitions(), "block_rows", run.input.layout.blockRows));
  }
}
