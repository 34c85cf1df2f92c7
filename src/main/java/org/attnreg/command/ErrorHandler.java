package org.attnreg.command;

import org.attnreg.io.DataFormatException;
import picocli.CommandLine;

/**
 * Turns the failures a user can act on into a short message and an exit code: bad options
 * ({@link ExitCode#USAGE}; the message and a pointer at the command's help) and bad data
 * ({@link ExitCode#BAD_DATA}). Anything else is a bug or an
 * environment failure and keeps its stack trace.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    Throwable cause = rootUserError(e);
    if (cause instanceof DataFormatException) {
      cl.getErr().println("error: bad input data: " + cause.getMessage());
      return ExitCode.BAD_DATA;
    }
    if (cause instanceof IllegalArgumentException) {
      cl.getErr().println("error: " + cause.getMessage());
      cl.getErr().println(UsageErrorHandler.helpPointer(cl));
      return ExitCode.USAGE;
    }
    cl.getErr().println("error: " + e);
    e.printStackTrace(cl.getErr());
    return ExitCode.INTERNAL;
  }

  /** Our own exceptions may arrive wrapped by Spark (a failed task); find them in the cause chain. */
  private static Throwable rootUserError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataFormatException) {
        return t;
      }
    }
    return e;
  }
}
