package org.attnreg.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.command.ExitCode;
import org.attnreg.command.SparkMasterOption;
import org.attnreg.command.StorageOption;
import org.attnreg.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnreg bench}: kernels, passes and solvers against the hardware and the peers. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmark the kernels and passes against the memory bandwidth, and the solver against Spark ML's"
        + " GLR and Breeze L-BFGS, side by side in this JVM on the same cached planted instances.",
        "Writes bench.md, bench.csv and PNG charts into --out. The default sizes take about a quarter of an hour"
        + " on 2 cores / 24 GiB; the e2e section (cold commands in child processes) adds 10–20 minutes."})
public final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the report files.")
  String out;

  @Option(names = "--scale", paramLabel = "S", defaultValue = "1",
      description = "Multiply every row count by S (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--reps", paramLabel = "K", defaultValue = "5",
      description = "Timed repetitions of every per-pass figure, after one warm-up (default: ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--quick", description = "A seconds-long smoke run with tiny sizes (checks the harness only).")
  boolean quick;

  @Option(names = "--sections", paramLabel = "LIST", split = ",",
      description = "Sections to run (default: all): kernels, gram-choice, passes, glr, lbfgs, sketch, scaling, e2e"
          + " (cold commands in child processes, see the README).")
  List<String> sections;

  @Mixin
  StorageOption storage;

  @Mixin
  SparkMasterOption master;

  @Override
  public Integer call() {
    BenchPlan plan = quick ? BenchPlan.smoke() : BenchPlan.standard(scale, reps);
    Set<String> chosen = new LinkedHashSet<>(sections == null ? Bench.SECTIONS : sections);
    StorageLevel level = storage.level();
    SparkSession spark = SparkSessions.create("attnreg bench", master.url);
    Bench bench = new Bench(spark, plan, level, chosen, spec.commandLine().getOut());
    bench.run(out, commandLine());
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s/bench.md, bench.csv and charts%n", out);
    return ExitCode.OK;
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("jobs/bench");
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int first = args.indexOf(spec.name()) + 1; // the launcher's own words come before "bench"
    for (String arg : args.subList(first, args.size())) {
      sb.append(' ').append(arg);
    }
    return sb.toString();
  }
}
