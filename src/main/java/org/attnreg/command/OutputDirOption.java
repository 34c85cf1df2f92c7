package org.attnreg.command;

import picocli.CommandLine.Option;

/** {@code --out}: the results directory of a command that writes its results to any Hadoop file system. */
public final class OutputDirOption {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (any Hadoop file system).")
  public String dir;
}
