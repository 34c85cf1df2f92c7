package org.attnreg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.command.FormatOptions;
import org.attnreg.command.SessionFactory;
import org.attnreg.command.SparkMasterOption;
import org.attnreg.command.StartupTimes;
import org.attnreg.io.FileSystems;
import org.attnreg.io.InputFormat;
import org.attnreg.job.GenerateJob;
import org.attnreg.job.PlantedInstance;
import org.attnreg.job.SolveOptions;
import org.attnreg.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnreg generate}: writes a planted instance, generated in parallel on the executors. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write a planted instance: rows a_i ~ N(0, 1/(ρd)), x* ~ N(0, s²), b = the family's exact fit"
        + " at x* (plus optional noise).",
        "The output directory holds the data files plus _x_star.csv and _instance.json."})
public final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--family", paramLabel = "NAME", defaultValue = SolveOptions.DEFAULT_FAMILY,
      description = "Problem family (default: ${DEFAULT-VALUE}).")
  String family;

  @Option(names = "--n", required = true, paramLabel = "N", description = "Rows.")
  long n;

  @Option(names = "--d", required = true, paramLabel = "D", description = "Columns.")
  int d;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory; must not exist.")
  String out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
      description = "libsvm, csv or parquet (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
      description = "Partitions, i.e. output files (default: Spark's default parallelism).")
  int partitions;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0",
      description = "Standard deviation of Gaussian noise added to b (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--density", paramLabel = "RHO", defaultValue = "1",
      description = "Fraction of non-zero entries in A; below 1 the rows are sparse (default: ${DEFAULT-VALUE}).")
  double density;

  @Option(names = "--x-scale", paramLabel = "S", defaultValue = "1",
      description = "Entries of x* are N(0, S²) (default: ${DEFAULT-VALUE}).")
  double xScale;

  @Option(names = "--digits", paramLabel = "K", defaultValue = "0",
      description = "Round entries of A to K decimals before computing b (compact files, exact x*; 0: full precision).")
  int digits;

  @Option(names = "--condition", paramLabel = "KAPPA", defaultValue = "1",
      description = "Scale column j of A by KAPPA^(-j/(d-1)), so cond(A) ≈ KAPPA: an ill-conditioned instance"
          + " (default: ${DEFAULT-VALUE}, every column alike).")
  double condition;

  @Mixin
  SparkMasterOption master;

  private final SessionFactory sessions;
  private final StartupTimes times;

  public GenerateCommand() {
    this(SessionFactory.spark(), StartupTimes.startingNow());
  }

  /**
   * @param sessions starts the session once the options and {@code --out} are checked
   * @param times the start-up stages (logged at debug level)
   */
  public GenerateCommand(SessionFactory sessions, StartupTimes times) {
    this.sessions = sessions;
    this.times = times;
  }

  @Override
  public Integer call() {
    times.mark("options parsed");
    PlantedInstance instance = new PlantedInstance(family, n, d, seed, noise, density, xScale, digits, condition);
    InputFormat f = FormatOptions.parseFormat(format);
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions: must be ≥ 1, got " + partitions);
    }
    refuseExisting(out, SparkSessions.hadoopConfiguration(master.url));
    times.mark("checks (options, --out)");
    SparkSession spark = sessions.create("attnreg generate " + family, master.url);
    times.mark("Spark session");
    int parts = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
    long start = System.nanoTime();
    GenerateJob.run(spark, instance, f, parts, out);
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d × %d %s instance (%s, %d files) to %s in %.1f s%n",
        n, d, family, f.name().toLowerCase(Locale.ROOT), parts, out, (System.nanoTime() - start) * 1e-9);
    return ExitCode.OK;
  }

  /** Generated files never mix with an earlier instance's. */
  private static void refuseExisting(String out, Configuration conf) {
    try {
      Path path = new Path(out);
      if (FileSystems.of(path, conf).exists(path)) {
        throw new IllegalArgumentException("--out: " + out + " already exists; choose a new directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + out + ": " + e.getMessage(), e);
    }
  }
}
