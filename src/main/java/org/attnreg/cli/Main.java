package org.attnreg.cli;

import java.io.PrintWriter;
import org.attnreg.cluster.ClusterCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code attnreg} command line: one subcommand per job. */
@Command(name = "attnreg", mixinStandardHelpOptions = true, version = "attnreg 0.1.0",
    description = "Distributed approximate-Newton solvers for attention-inspired regression on Apache Spark.",
    subcommands = {SolveCommand.class, GenerateCommand.class, ClusterCommand.class, BatchCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (see {@link ExitCode}). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl.execute(args);
  }

  /** Runs a command line with its output and error messages sent to the given writers (batches, tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }
}
