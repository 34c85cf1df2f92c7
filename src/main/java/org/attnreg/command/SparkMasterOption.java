package org.attnreg.command;

import picocli.CommandLine.Option;

/** {@code --master}: the Spark a command runs on, the same option in every command that starts Spark. */
public final class SparkMasterOption {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. spark://host:7077 (default: an embedded local[*] Spark, or spark-submit's).")
  public String url;
}
