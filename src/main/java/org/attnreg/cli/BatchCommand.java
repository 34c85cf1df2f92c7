package org.attnreg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.command.SessionFactory;
import org.attnreg.command.SparkMasterOption;
import org.attnreg.job.BatchManifest;
import org.attnreg.output.AtomicFiles;
import org.attnreg.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code attnreg batch MANIFEST}: solves every instance of a manifest, each exactly as
 * {@code attnreg solve} would (its own output directory, its own checkpoint), a few at a time with
 * {@code --parallel}. By default the instances share one Spark application (FAIR scheduling, one pool
 * per instance); with {@code --isolate} each runs in its own driver JVM, so that even an out-of-memory
 * exit or a crash ends only that instance. A failing instance is recorded in {@code batch.csv}, which is
 * rewritten (atomically) as each instance ends, and does not stop the others.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Solve the instances of a JSON manifest; writes batch.csv to --out as each instance ends.",
        "Exit codes: 0 every instance converged, 4 some did not converge or failed (see batch.csv), 2 bad manifest."})
public final class BatchCommand implements Callable<Integer> {
  static final String SUMMARY = "batch.csv";
  static final List<String> COLUMNS = List.of("instance", "status", "exit_code", "iterations", "loss",
      "gradient_norm", "seconds", "out", "error");

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MANIFEST", description = "JSON manifest (see the README, \"Batch\").")
  String manifest;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory of batch.csv and of each instance's log (logs/NAME.log).")
  String out;

  @Option(names = "--parallel", paramLabel = "K", defaultValue = "1",
      description = "Instances solved at once (in-process: each in its own FAIR scheduler pool; default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--isolate",
      description = "Run each instance's solve in its own driver JVM (heap: the instance's driver_memory, else"
          + " ATTNREG_DRIVER_MEMORY, else this JVM's), so that an out-of-memory exit or a crash of one instance"
          + " leaves the others running.")
  boolean isolate;

  @Mixin
  SparkMasterOption master;

  private final SessionFactory sessions;

  public BatchCommand() {
    this(SessionFactory.spark());
  }

  /** @param sessions starts the in-process instances' session once the manifest is checked */
  public BatchCommand(SessionFactory sessions) {
    this.sessions = sessions;
  }

  /** One line of batch.csv. */
  record Row(String instance, String status, int exitCode, Integer iterations, Double loss, Double gradientNorm,
      double seconds, String out, String error) {

    /** An instance that ended with an error before it had results; {@code err} holds solve's error line. */
    static Row failed(String instance, int code, List<String> solveArgs, String err) {
      String status = switch (code) {
        case ExitCode.USAGE -> "bad_options";
        case ExitCode.BAD_DATA -> "bad_data";
        default -> "failed";
      };
      return new Row(instance, status, code, null, null, null, 0.0, outOf(solveArgs), firstLine(err));
    }

    static Row pending(BatchManifest.Instance instance) {
      return new Row(instance.name(), "pending", -1, null, null, null, 0.0, instance.out(), "");
    }

    Row withSeconds(double s) {
      return new Row(instance, status, exitCode, iterations, loss, gradientNorm, s, out, error);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel: must be ≥ 1, got " + parallel);
    }
    Configuration conf = SparkSessions.hadoopConfiguration(master.url); // the file systems Spark's settings name
    List<BatchManifest.Instance> instances = checkedInstances(conf);
    SparkSession spark = isolate ? null : session(instances);
    Configuration fsConf = spark == null ? conf : spark.sparkContext().hadoopConfiguration();
    AtomicFiles dir = AtomicFiles.in(out, fsConf);
    Table table = new Table(dir, instances);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "attnreg batch: %d instances, %d at a time%s%n", instances.size(), parallel,
        isolate ? ", each in its own JVM" : "");
    runAll(spark, instances, dir, fsConf, table, stdout);
    List<Row> rows = table.rows();
    long converged = rows.stream().filter(r -> r.exitCode() == ExitCode.OK).count();
    stdout.printf(Locale.ROOT, "%d of %d instances converged; summary in %s/%s%n", converged, rows.size(), out,
        SUMMARY);
    return converged == rows.size() ? ExitCode.OK : ExitCode.NOT_CONVERGED;
  }

  /**
   * The manifest's instances, refused before anything runs when {@code --out} overlaps an input or an
   * in-process instance asks for its own driver memory.
   */
  private List<BatchManifest.Instance> checkedInstances(Configuration conf) {
    String text = AtomicFiles.readTextAt(manifest, conf);
    if (text == null) {
      throw new IllegalArgumentException(manifest + ": no such manifest");
    }
    List<BatchManifest.Instance> instances = BatchManifest.parse(manifest, text, solveOptions(),
        p -> qualified(p, conf));
    String dirPath = qualified(out, conf);
    for (BatchManifest.Instance i : instances) {
      for (String input : i.inputs()) {
        if (BatchManifest.related(dirPath, input)) {
          throw new IllegalArgumentException("--out " + out + " (" + dirPath + ") overlaps the input " + input
              + " of instance '" + i.name() + "': batch.csv and the logs would be written among the data");
        }
      }
    }
    if (!isolate) {
      instances.stream().filter(i -> i.driverMemory() != null).findFirst().ifPresent(i -> {
        throw new IllegalArgumentException(manifest + ": instance '" + i.name() + "' sets driver_memory, which"
            + " only --isolate can give (in-process instances share this JVM's heap)");
      });
    }
    return instances;
  }

  /** Solves every instance, {@code --parallel} at a time, recording and printing each row as it ends. */
  private void runAll(SparkSession spark, List<BatchManifest.Instance> instances, AtomicFiles dir,
      Configuration fsConf, Table table, PrintWriter stdout) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, instances.size()));
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < instances.size(); i++) {
        int index = i;
        BatchManifest.Instance instance = instances.get(i);
        futures.add(pool.submit(() -> {
          Row row = solve(spark, instance, dir, fsConf);
          table.record(index, row);
          print(stdout, row);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        get(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The in-process instances' session, with each instance's FAIR pool declared. */
  private SparkSession session(List<BatchManifest.Instance> instances) {
    try (FairPools pools = FairPools.declare(instances.stream().map(BatchManifest.Instance::name).toList())) {
      return sessions.create("attnreg batch " + manifest, master.url, pools.settings());
    }
  }

  /** The documented solve options, by long name without dashes, minus those the batch sets: name → takes a value. */
  static Map<String, Boolean> solveOptions() {
    Map<String, Boolean> options = new LinkedHashMap<>();
    for (CommandLine.Model.OptionSpec o : new CommandLine(new SolveCommand()).getCommandSpec().options()) {
      String name = o.longestName().replaceFirst("^--", "");
      if (!o.hidden() && !o.usageHelp() && !o.versionHelp() && !BatchManifest.SET_BY_BATCH.contains(name)) {
        options.put(name, o.arity().max() > 0);
      }
    }
    return options;
  }

  private static String qualified(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(conf).makeQualified(p).toString();
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + path + "': " + e.getMessage());
    }
  }

  private static void get(Future<?> f) throws InterruptedException {
    try {
      f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch worker failed: " + e.getCause(), e.getCause());
    }
  }

  /** Solves one instance, in this JVM or its own, and writes its log; never throws for a failure of the instance. */
  private Row solve(SparkSession spark, BatchManifest.Instance instance, AtomicFiles dir, Configuration conf)
      throws InterruptedException {
    long start = System.nanoTime();
    StringBuilder log = new StringBuilder();
    Row row = isolate ? ChildSolve.run(instance, master.url, conf, log) : inProcess(spark, instance, log);
    row = row.withSeconds((System.nanoTime() - start) * 1e-9);
    try {
      dir.writeText("logs/" + instance.name() + ".log", log.toString());
    } catch (RuntimeException e) {
      // the log is a convenience; the row already says what happened
    }
    return row;
  }

  private static Row inProcess(SparkSession spark, BatchManifest.Instance instance, StringBuilder logText) {
    StringWriter log = new StringWriter();
    StringWriter err = new StringWriter();
    SparkContext sc = spark.sparkContext();
    sc.setLocalProperty("spark.scheduler.pool", instance.name());
    try {
      return InstanceSolve.run(spark, instance.name(), instance.solveArgs(), new PrintWriter(log, true), err,
          instance.name() + ": ");
    } finally {
      sc.setLocalProperty("spark.scheduler.pool", null);
      logText.append(String.join(" ", instance.solveArgs())).append('\n').append(log).append(err);
    }
  }

  private static void print(PrintWriter stdout, Row row) {
    synchronized (stdout) {
      stdout.printf(Locale.ROOT, "%-20s %-18s %.1f s%s%n", row.instance(), row.status(), row.seconds(),
          row.error().isEmpty() ? "" : "  " + row.error());
      stdout.flush();
    }
  }

  /** The instance's {@code --out}, from its command line. */
  static String outOf(List<String> solveArgs) {
    int i = solveArgs.indexOf("--out");
    return i >= 0 && i + 1 < solveArgs.size() ? solveArgs.get(i + 1) : "";
  }

  static String firstLine(String err) {
    String s = err.strip().replaceFirst("^error: ", "");
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** batch.csv: one row per instance in manifest order, rewritten whenever an instance ends. */
  private static final class Table {
    private final AtomicFiles dir;
    private final Row[] rows;

    Table(AtomicFiles dir, List<BatchManifest.Instance> instances) {
      this.dir = dir;
      this.rows = instances.stream().map(Row::pending).toArray(Row[]::new);
      dir.writeText(SUMMARY, csv(List.of(rows)));
    }

    synchronized void record(int index, Row row) {
      rows[index] = row;
      dir.writeText(SUMMARY, csv(List.of(rows)));
    }

    synchronized List<Row> rows() {
      return List.of(rows);
    }
  }

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (Row r : rows) {
      sb.append(field(r.instance())).append(',').append(r.status()).append(',')
          .append(r.exitCode() < 0 ? "" : r.exitCode()).append(',')
          .append(r.iterations() == null ? "" : r.iterations()).append(',')
          .append(r.loss() == null ? "" : r.loss()).append(',')
          .append(r.gradientNorm() == null ? "" : r.gradientNorm()).append(',')
          .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
          .append(field(r.out())).append(',').append(field(r.error())).append('\n');
    }
    return sb.toString();
  }

  private static String field(String s) {
    return s.isEmpty() ? s : '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }
}
