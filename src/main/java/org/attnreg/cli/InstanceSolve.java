package org.attnreg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.DataLoader;
import org.attnreg.io.LoadedData;
import org.attnreg.job.CheckpointedSolve;
import org.attnreg.job.SolveJob;
import org.attnreg.job.SolveOptions;
import org.attnreg.job.TraceDiagnostics;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.ResultWriter;
import org.attnreg.output.StartingPoint;
import org.attnreg.report.SolveOutputs;
import org.attnreg.solver.SolveResult;
import picocli.CommandLine;

/**
 * One batch instance solved in the batch's own JVM and Spark application: its {@code solve} command
 * line is parsed exactly as {@code attnreg solve} parses it, the data is loaded, the solve job runs,
 * the results are written to the instance's {@code --out} as {@code solve} writes them, and the row of
 * batch.csv is taken from the job's returned outcome (nothing is read back from disk).
 */
final class InstanceSolve {
  private InstanceSolve() {}

  /**
   * @param args the instance's command line ({@code solve --family … --input … --out … options})
   * @param log receives what {@code solve} prints (progress, notes, warnings)
   * @param errors receives the error of a failed instance, as {@code solve} would print it
   * @param jobPrefix prefix of the instance's Spark job descriptions
   * @return the row of batch.csv (never throws for a failure of the instance)
   */
  static BatchCommand.Row run(SparkSession spark, String name, List<String> args, PrintWriter log,
      StringWriter errors, String jobPrefix) {
    PrintWriter err = new PrintWriter(errors, true);
    SolveCommand command = new SolveCommand();
    CommandLine cl = new CommandLine(command);
    cl.setOut(log);
    cl.setErr(err);
    String out = null;
    try {
      cl.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
      out = command.out;
      SolveResult r = solve(spark, command, log, jobPrefix);
      int code = r.converged() ? ExitCode.OK : ExitCode.NOT_CONVERGED;
      return new BatchCommand.Row(name, r.status().label(), code, r.iterations(), r.loss(), r.gradientNorm(), 0.0,
          out, r.converged() ? "" : r.message());
    } catch (CommandLine.ParameterException e) {
      err.println("error: " + e.getMessage());
      return BatchCommand.Row.failed(name, ExitCode.USAGE, args, errors.toString());
    } catch (Exception e) {
      int code = new ErrorHandler().handleExecutionException(e, cl, null); // solve's own exit codes and messages
      return BatchCommand.Row.failed(name, code, args, errors.toString());
    } catch (OutOfMemoryError e) { // on the driver: the instance's arrays are unreachable once this returns
      err.println("error: " + e);
      return new BatchCommand.Row(name, "out_of_memory", ExitCode.INTERNAL, null, null, null, 0.0,
          BatchCommand.outOf(args), "the driver ran out of memory: " + e.getMessage());
    }
  }

  /** What {@code solve} does once its options are parsed, with the outcome returned instead of printed. */
  private static SolveResult solve(SparkSession spark, SolveCommand c, PrintWriter log, String jobPrefix) {
    SolveOptions options = c.solver.toSolveOptions();
    options.regularizer(c.input.rowWeights());
    if (c.resume && c.x0 != null) {
      throw new IllegalArgumentException("--resume and --x0 exclude each other: a resume starts from the checkpoint");
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    LoadedData data = DataLoader.load(spark, c.input.input,
        c.input.toReadOptions(spark.sparkContext().defaultParallelism()));
    try {
      log.printf(Locale.ROOT, "attnreg solve: family %s, n = %d, d = %d, nnz = %d, %d partitions%n",
          options.family(), data.n(), data.d(), data.nnz(), data.partitions());
      double[] start = c.x0 == null ? null : StartingPoint.read(c.x0, data.d(), conf);
      AtomicFiles files = AtomicFiles.in(c.out, conf);
      new ResultWriter(files).clearStale();
      double[] xStar = c.xStarPath == null ? null : StartingPoint.read(c.xStarPath, data.d(), conf);
      List<String> notes = new ArrayList<>();
      Map<String, Object> layout = new LinkedHashMap<>(Map.of("partitions", data.partitions(),
          "block_rows", c.input.layout.blockRows));
      SolveJob.Outcome outcome = solveJob(spark, data, options, c.input.layout.identity(), layout,
          new CheckpointedSolve.Request(start, c.resume, 0, new TraceDiagnostics(c.diagnose, xStar)), files,
          jobPrefix, new ProgressPrinter(log, ""), notes);
      notes.forEach(w -> log.println("note: " + w));
      SolveResult r = outcome.result();
      SolveOutputs.write(files, r, outcome.traceColumns(), outcome.summary());
      r.warnings().forEach(w -> log.println("warning: " + w));
      log.printf(Locale.ROOT, "%s after %d iterations: loss %.6e, |grad| %.3e (%s). Results in %s%n",
          r.status().label(), r.iterations(), r.loss(), r.gradientNorm(), r.message(), c.out);
      return r;
    } finally {
      data.unpersist();
    }
  }

  /** The solve job, called as {@link SolveCommand} calls it (the one place to change when that entry point does). */
  private static SolveJob.Outcome solveJob(SparkSession spark, LoadedData data, SolveOptions options,
      Map<String, Object> read, Map<String, Object> layout, CheckpointedSolve.Request request, AtomicFiles files,
      String jobPrefix, ProgressPrinter progress, List<String> notes) {
    return CheckpointedSolve.run(spark, data, options, read, layout, request, files, jobPrefix, progress, notes);
  }
}
