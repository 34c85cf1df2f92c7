package org.attnreg.cli;

/** Process exit codes of every command. */
public final class ExitCode {
  /** The solve converged (or the command succeeded). */
  public static final int OK = 0;
  /** An unexpected failure; the message says what. */
  public static final int INTERNAL = 1;
  /** Bad usage: an unknown or invalid option. Nothing was run. */
  public static final int USAGE = 2;
  /** Bad input data: the message names file, line, field and value. Nothing was written. */
  public static final int BAD_DATA = 3;
  /** The solve did not converge; its results were still written, with the status saying why. */
  public static final int NOT_CONVERGED = 4;

  private ExitCode() {}
}
