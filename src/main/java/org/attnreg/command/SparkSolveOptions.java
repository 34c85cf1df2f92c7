package org.attnreg.command;

import picocli.CommandLine.Mixin;

/**
 * The options of one solve on Spark: how to solve, what to read, where the results go and which
 * Spark runs it. {@code solve} is exactly these; {@code sensitivity} adds its sweep to them.
 */
public final class SparkSolveOptions {
  @Mixin
  public SolverOptions solver;

  @Mixin
  public InputOptions input;

  @Mixin
  public OutputDirOption out;

  @Mixin
  public SparkMasterOption master;
}
