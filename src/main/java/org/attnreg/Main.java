package org.attnreg;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.attnreg.analysis.icl.IclCommand;
import org.attnreg.analysis.icl.LoadedInstances;
import org.attnreg.analysis.icl.SoftmaxInstance;
import org.attnreg.analysis.sensitivity.SensitivityCommand;
import org.attnreg.bench.BenchCommand;
import org.attnreg.bench.GlrFitCommand;
import org.attnreg.cli.BatchCommand;
import org.attnreg.cli.GenerateCommand;
import org.attnreg.cli.SolveCommand;
import org.attnreg.cli.VersionProvider;
import org.attnreg.cluster.ClusterCommand;
import org.attnreg.command.ErrorHandler;
import org.attnreg.command.FormatOptions;
import org.attnreg.command.InputOptions;
import org.attnreg.command.SessionFactory;
import org.attnreg.command.StartupTimes;
import org.attnreg.command.UsageErrorHandler;
import org.attnreg.io.DataLoader;
import org.attnreg.io.LoadedData;
import org.attnreg.io.ReadOptions;
import org.attnreg.spark.SparkSessions;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code attnreg} command line: one subcommand per job. */
@Command(name = "attnreg", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Distributed approximate-Newton solvers for attention-inspired regression on Apache Spark.")
public final class Main {

  public static void main(String[] args) {
    routeJavaLogging();
    System.exit(run(args));
  }

  /**
   * Sends java.util.logging (netlib, some of Hadoop) to the command's log4j configuration from the
   * first line on. Spark routes it only once its context starts, and the solve's kernel warm-up may
   * load netlib before that, whose "failed to load the native library" warnings would then reach
   * the terminal although the configuration keeps netlib at error level.
   */
  private static void routeJavaLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** Runs a command line and returns its exit code (see {@link ExitCode}). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command line with its output and errors sent to the given writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, SessionFactory.spark(), args);
  }

  /**
   * Runs a command line whose commands start their Spark sessions with {@code sessions} (each only
   * once every check that needs no data has passed).
   */
  public static int run(PrintWriter out, PrintWriter err, SessionFactory sessions, String... args) {
    StartupTimes times = StartupTimes.startingNow();
    CommandLine cl = new CommandLine(new Main());
    Map<String, Supplier<Object>> commands = subcommands(sessions, times);
    // picocli reads every option of every command it is given (0.2–0.3 s for all of them in a new
    // JVM): a command line naming one is given only that one; the top level's help and errors, all
    Supplier<Object> named = args.length > 0 ? commands.get(args[0]) : null;
    if (named != null) {
      cl.addSubcommand(args[0], named.get());
    } else {
      commands.forEach((name, command) -> cl.addSubcommand(name, command.get()));
    }
    cl.setOut(out); // after every subcommand is added: picocli passes writers down only to those present
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    everyCommand(cl, c -> c.getCommandSpec().versionProvider(new VersionProvider()));
    return cl.execute(args);
  }

  /**
   * Each subcommand by its name (as its {@code @Command} gives it), made on demand. Commands outside
   * this package get their data readers here, where the input options live.
   */
  static Map<String, Supplier<Object>> subcommands(SessionFactory sessions, StartupTimes times) {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("solve", () -> new SolveCommand(sessions, times));
    m.put("generate", () -> new GenerateCommand(sessions, times));
    m.put("cluster", ClusterCommand::new);
    m.put("batch", () -> new BatchCommand(sessions));
    m.put("bench", BenchCommand::new);
    m.put("glr-fit", GlrFitCommand::new);
    m.put("sensitivity", () -> new SensitivityCommand(sessions, Main::load));
    m.put("icl", () -> new IclCommand((path, layout) -> loadIclInstance(sessions, path, layout)));
    return m;
  }

  /** Applies {@code setting} to the command line and each of its subcommands, at every depth. */
  private static void everyCommand(CommandLine cl, java.util.function.Consumer<CommandLine> setting) {
    setting.accept(cl);
    cl.getSubcommands().values().forEach(sub -> everyCommand(sub, setting));
  }

  /**
   * Reads {@code path} (or the input's own path) with the input options; another file than the input
   * (a perturbation E) is read without the weight column, since row weights belong to the data.
   */
  static LoadedData load(SparkSession spark, InputOptions input, String path) {
    ReadOptions options = input.toReadOptions(spark.sparkContext().defaultParallelism());
    if (path != null) {
      options = options.withWeightColumn(-1).withWeightCol(null);
    }
    return DataLoader.load(spark, path != null ? path : input.input, options);
  }

  /** The icl command's instance: loaded on Spark, refused above the ICL size limit, collected to the driver. */
  static SoftmaxInstance loadIclInstance(SessionFactory sessions, String path, FormatOptions layout) {
    layout.checkInput(SparkSessions.hadoopConfiguration(null), path); // before Spark starts
    SparkSession spark = sessions.create("attnreg icl", null);
    LoadedData data = DataLoader.load(spark, path, layout.toReadOptions(spark.sparkContext().defaultParallelism()));
    try {
      return LoadedInstances.collect(data, path);
    } finally {
      data.unpersist();
    }
  }
}
