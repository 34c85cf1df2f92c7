package org.attnreg.command;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse (a missing or unknown option, a bad number): the message and
 * one line pointing at the command's {@code --help}, instead of the message buried above the whole
 * usage text. Exits with {@link ExitCode#USAGE}.
 */
public final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + e.getMessage());
    err.println(suggestion(e) + helpPointer(cl));
    err.flush();
    return ExitCode.USAGE;
  }

  /** The line that points at the help of the command {@code cl}. */
  static String helpPointer(CommandLine cl) {
    return "See '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.";
  }

  /** "Did you mean …? " for a mistyped option or command, else nothing. */
  private static String suggestion(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException u)) {
      return "";
    }
    List<String> near = u.getSuggestions();
    return near.isEmpty() ? "" : "Did you mean " + String.join(" or ", near.subList(0, Math.min(3, near.size())))
        + "? ";
  }
}
