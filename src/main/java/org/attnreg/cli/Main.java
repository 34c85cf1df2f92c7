package org.attnreg.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code attnreg} command line: one subcommand per job. */
@Command(name = "attnreg", mixinStandardHelpOptions = true, version = "attnreg 0.1.0",
    description = "Distributed approximate-Newton solvers for attention-inspired regression on Apache Spark.",
    subcommands = {SolveCommand.class, GenerateCommand.class, org.attnreg.bench.BenchCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (see {@link ExitCode}). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command line with its output and errors sent to the given writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl.execute(args);
  }
}
