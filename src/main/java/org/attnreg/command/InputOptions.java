package org.attnreg.command;

import org.apache.hadoop.conf.Configuration;
import org.attnreg.io.InputFormat;
import org.attnreg.io.ReadOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and how to read the instance: the options every command that must load data shares. */
public final class InputOptions {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "File or directory of rows (any Hadoop file system: file://, hdfs://, …). Hidden files (_*, .*) are skipped.")
  public String input;

  @Mixin
  public FormatOptions layout;

  /** Whether the rows carry their own regulariser weights (a weight column is named). */
  public boolean rowWeights() {
    return layout.rowWeights();
  }

  /** The checks of the input that need no Spark (see {@link FormatOptions#checkInput}). */
  public InputFormat checkInput(Configuration conf) {
    return layout.checkInput(conf, input);
  }

  /** The validated read options; messages name the option. */
  public ReadOptions toReadOptions(int defaultPartitions) {
    return layout.toReadOptions(defaultPartitions);
  }
}
