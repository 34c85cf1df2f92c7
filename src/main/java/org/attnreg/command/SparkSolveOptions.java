package org.attnreg.command;

import org.attnreg.spark.DriverPasses;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  @Option(names = "--local-passes", paramLabel = "auto|always|never", defaultValue = "auto",
      converter = PassPlacement.class,
      description = "Where the passes over the data run: auto (the default) runs them on the driver, on a thread per"
          + " core, when the master is local and the cached blocks are held in its memory or at most min(64 MiB,"
          + " heap/8, spark.driver.maxResultSize/2), and reads text input of up to min(1 GiB, heap/8) on the driver"
          + " while Spark starts; else as Spark jobs. always and never force one (always reads any size early, never"
          + " loads through Spark). Both give the same bits up to 16 partitions.")
  public DriverPasses.Mode localPasses;

  /** Reads {@code auto|always|never}, naming the option and the value when it is neither. */
  static final class PassPlacement implements picocli.CommandLine.ITypeConverter<DriverPasses.Mode> {
    @Override
    public DriverPasses.Mode convert(String value) {
      for (DriverPasses.Mode m : DriverPasses.Mode.values()) {
        if (m.name().equalsIgnoreCase(value)) {
          return m;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("--local-passes must be auto, always or never, not '"
          + value + "'");
    }
  }
}
