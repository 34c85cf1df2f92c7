package org.attnreg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.job.BatchManifest;
import org.attnreg.output.AtomicFiles;
import org.attnreg.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code attnreg batch MANIFEST}: solves every instance of a manifest in one Spark application, each
 * exactly as {@code attnreg solve} would (its own output directory, its own checkpoint), a few at a
 * time with {@code --parallel} (FAIR scheduling, one pool per instance). A failing instance is
 * recorded in {@code batch.csv} and does not stop the others.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Solve the instances of a JSON manifest in one Spark application; writes batch.csv to --out.",
        "Exit codes: 0 every instance converged, 4 some did not converge or failed (see batch.csv), 2 bad manifest."})
public final class BatchCommand implements Callable<Integer> {
  static final String SUMMARY = "batch.csv";
  static final List<String> COLUMNS = List.of("instance", "status", "exit_code", "iterations", "loss",
      "gradient_norm", "seconds", "out", "error");

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MANIFEST", description = "JSON manifest (see the README, \"Batch\").")
  String manifest;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory of batch.csv and of each instance's log (logs/NAME.log).")
  String out;

  @Option(names = "--parallel", paramLabel = "K", defaultValue = "1",
      description = "Instances solved at once, each in its own FAIR scheduler pool (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: embedded local[*], or spark-submit's).")
  String master;

  /** One line of batch.csv. */
  record Row(String instance, String status, int exitCode, Integer iterations, Double loss, Double gradientNorm,
      double seconds, String out, String error) {}

  @Override
  public Integer call() throws InterruptedException {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel: must be ≥ 1, got " + parallel);
    }
    String text = AtomicFiles.readTextAt(manifest, new org.apache.hadoop.conf.Configuration());
    if (text == null) {
      throw new IllegalArgumentException(manifest + ": no such manifest");
    }
    List<BatchManifest.Instance> instances = BatchManifest.parse(manifest, text);
    SparkSession spark;
    try (FairPools pools = FairPools.declare(instances.stream().map(BatchManifest.Instance::name).toList())) {
      spark = SparkSessions.create("attnreg batch " + manifest, master, pools.settings());
    }
    AtomicFiles dir = AtomicFiles.in(out, spark.sparkContext().hadoopConfiguration());
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "attnreg batch: %d instances, %d at a time%n", instances.size(), parallel);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, instances.size()));
    List<Future<Row>> futures = new ArrayList<>();
    try {
      for (BatchManifest.Instance instance : instances) {
        futures.add(pool.submit(() -> solve(spark.sparkContext(), instance, dir, stdout)));
      }
      List<Row> rows = new ArrayList<>();
      for (Future<Row> f : futures) {
        rows.add(get(f));
      }
      dir.writeText(SUMMARY, csv(rows));
      long converged = rows.stream().filter(r -> r.exitCode() == ExitCode.OK).count();
      stdout.printf(Locale.ROOT, "%d of %d instances converged; summary in %s/%s%n", converged, rows.size(), out,
          SUMMARY);
      return converged == rows.size() ? ExitCode.OK : ExitCode.NOT_CONVERGED;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Row get(Future<Row> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch worker failed: " + e.getCause(), e.getCause());
    }
  }

  /** Runs one instance's solve command in this thread, in its own scheduler pool; never throws. */
  private static Row solve(SparkContext sc, BatchManifest.Instance instance, AtomicFiles dir, PrintWriter stdout) {
    long start = System.nanoTime();
    StringWriter log = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    sc.setLocalProperty("spark.scheduler.pool", instance.name());
    try {
      code = Main.run(new PrintWriter(log, true), new PrintWriter(err, true), instance.solveArgs().toArray(String[]::new));
    } catch (RuntimeException | Error e) { // Main.run handles execution errors; this is a last resort
      code = ExitCode.INTERNAL;
      err.append("error: ").append(String.valueOf(e));
    } finally {
      sc.setLocalProperty("spark.scheduler.pool", null);
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    Row row = row(sc, instance, code, seconds, err.toString());
    try {
      dir.writeText("logs/" + instance.name() + ".log", String.join(" ", instance.solveArgs()) + "\n" + log + err);
    } catch (RuntimeException e) {
      // the log is a convenience; the row already says what happened
    }
    synchronized (stdout) {
      stdout.printf(Locale.ROOT, "%-20s %-18s %.1f s%s%n", instance.name(), row.status(), seconds,
          row.error().isEmpty() ? "" : "  " + row.error());
      stdout.flush();
    }
    return row;
  }

  private static Row row(SparkContext sc, BatchManifest.Instance instance, int code, double seconds, String err) {
    JsonNode summary = null;
    if (code == ExitCode.OK || code == ExitCode.NOT_CONVERGED) {
      try {
        String text = AtomicFiles.readTextAt(instance.out() + "/summary.json", sc.hadoopConfiguration());
        summary = text == null ? null : new ObjectMapper().readTree(text);
      } catch (Exception e) {
        summary = null;
      }
    }
    String status = summary != null ? summary.get("status").asText() : switch (code) {
      case ExitCode.USAGE -> "bad_options";
      case ExitCode.BAD_DATA -> "bad_data";
      default -> "failed";
    };
    String error = summary != null ? (code == ExitCode.OK ? "" : summary.get("message").asText()) : firstLine(err);
    return new Row(instance.name(), status, code, summary == null ? null : summary.get("iterations").asInt(),
        summary == null ? null : summary.get("loss").asDouble(),
        summary == null ? null : summary.get("gradient_norm").asDouble(), seconds, instance.out(), error);
  }

  private static String firstLine(String err) {
    String s = err.strip().replaceFirst("^error: ", "");
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (Row r : rows) {
      sb.append(field(r.instance())).append(',').append(r.status()).append(',').append(r.exitCode()).append(',')
          .append(r.iterations() == null ? "" : r.iterations()).append(',')
          .append(r.loss() == null ? "" : r.loss()).append(',')
          .append(r.gradientNorm() == null ? "" : r.gradientNorm()).append(',')
          .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
          .append(field(r.out())).append(',').append(field(r.error())).append('\n');
    }
    return sb.toString();
  }

  private static String field(String s) {
    return s.isEmpty() ? s : '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }
}
