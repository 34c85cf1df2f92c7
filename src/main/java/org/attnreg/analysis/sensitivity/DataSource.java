package org.attnreg.analysis.sensitivity;

import org.apache.spark.sql.SparkSession;
import org.attnreg.command.InputOptions;
import org.attnreg.io.LoadedData;

/**
 * Reads rows with the command line's {@link InputOptions}: the instance itself, or a perturbation
 * file in the same layout. Wired in by the top-level CLI, which owns the input options.
 */
@FunctionalInterface
public interface DataSource {

  /**
   * @param path the file to read with {@code input}'s options, or null for {@code input}'s own path
   */
  LoadedData load(SparkSession spark, InputOptions input, String path);
}
