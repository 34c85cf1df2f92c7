package org.attnreg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ErrorHandler;
import org.attnreg.command.ExitCode;
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
      out = command.run.out.dir;
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

  /** What {@code solve} does once its options are parsed, in the batch's Spark application. */
  private static SolveResult solve(SparkSession spark, SolveCommand c, PrintWriter log, String jobPrefix) {
    c.checkOptions();
    return c.solveIn(spark, log, jobPrefix);
  }
}
