package org.attnreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and options whose sizes the JVM cannot hold are refused with exit code 2 or 3 and a one-line
 * message naming the figure, before any pass of the solve has run (so no task allocates for them),
 * and the JVM and its Spark context go on.
 */
@ExtendWith(SharedSpark.class)
class SizeLimitsTest {
  @TempDir
  Path dir;

  private SparkSession spark;
  private final List<String> jobs = Collections.synchronizedList(new ArrayList<>());
  private final SparkListener listener = new SparkListener() {
    @Override
    public void onJobStart(SparkListenerJobStart start) {
      jobs.add(String.valueOf(start.properties().getProperty("spark.job.description")));
    }
  };

  @BeforeEach
  void listen(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(listener);
  }

  @AfterEach
  void stopListening() {
    spark.sparkContext().removeSparkListener(listener);
  }

  /** The descriptions of the jobs run since the test began. */
  private List<String> jobsRun() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the listener bus did not drain", e);
    }
    return List.copyOf(jobs);
  }

  private CliRun solve(Path input, String... extra) {
    List<String> args = new ArrayList<>(List.of("solve", "--input", input.toString(), "--out",
        dir.resolve("out").toString(), "--partitions", "2"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** A one-line refusal with this exit code, no stack trace, and a JVM and Spark that live on. */
  private void assertRefused(CliRun run, int code, String... figures) {
    assertEquals(code, run.exitCode(), run.toString());
    String err = run.err().strip();
    String[] lines = err.split("\n");
    assertTrue(err.startsWith("error: ") && (lines.length == 1 || lines.length == 2 && lines[1].contains("--help")),
        "one line, and for bad usage the pointer to --help: " + err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    for (String figure : figures) {
      assertTrue(err.contains(figure), "'" + figure + "' in: " + err);
    }
    assertFalse(spark.sparkContext().isStopped());
    assertFalse(Files.exists(dir.resolve("out/summary.json")));
  }

  private void assertOnlyTheLoadRan() {
    for (String job : jobsRun()) {
      assertTrue(job.startsWith("attnreg: load and validate"), "a solve pass ran: " + jobsRun());
    }
  }

  @Test
  void aHugeLibSvmIndexIsRefusedOnItsLine() throws IOException {
    Path input = dir.resolve("huge-index.libsvm");
    Files.writeString(input, "1 1:0.5 2:1\n0 1:0.5 2147483647:1\n1 2:1\n");
    assertRefused(solve(input), ExitCode.BAD_DATA, "huge-index.libsvm:2", "2147483647", "--max-d", "20000");
    assertOnlyTheLoadRan();
  }

  @Test
  void hugeNumFeaturesAreRefusedAsUsageOrByThePreflight() throws IOException {
    Path input = dir.resolve("small.libsvm");
    Files.writeString(input, "1 1:0.5 2:1\n0 1:0.5\n");
    assertRefused(solve(input, "--num-features", "50000"), ExitCode.USAGE, "--num-features 50000", "--max-d 20000");
    assertRefused(solve(input, "--num-features", "65536", "--max-d", "65536"), ExitCode.USAGE, "--max-d", "46340");
    jobs.clear();
    // allowed by --max-d, but 30 000² doubles are 6.7 GiB a matrix: the preflight refuses before the first pass
    assertRefused(solve(input, "--num-features", "30000", "--max-d", "30000"), ExitCode.USAGE, "d = 30000",
        "GiB", "ATTNREG_DRIVER_MEMORY");
    assertOnlyTheLoadRan();
  }

  @Test
  void aMillionColumnCsvLineIsRefusedBeforeAnyRowBufferOfItsWidth() throws IOException {
    StringBuilder wide = new StringBuilder("1");
    for (int j = 0; j < 1_000_000; j++) {
      wide.append(",0.5");
    }
    Path first = dir.resolve("wide-first.csv");
    Files.writeString(first, wide + "\n0,1,2\n");
    assertRefused(solve(first), ExitCode.BAD_DATA, "wide-first.csv:1", "1000000 features", "--max-d");
    assertEquals(List.of(), jobsRun(), "refused on the driver, before any job");

    Path later = dir.resolve("wide-later.csv");
    Files.writeString(later, "0,1,2\n" + wide + "\n1,2,3\n");
    assertRefused(solve(later), ExitCode.BAD_DATA, "wide-later.csv:2", "1000001 fields, expected 3");
    assertOnlyTheLoadRan();
  }

  @Test
  void aDimensionBeyondTheHeapIsRefusedByThePreflightBeforeAnyPass() throws IOException {
    Path input = dir.resolve("wide.libsvm");
    Files.writeString(input, "1 1:0.5 20000:1\n0 1:0.5\n1 2:1\n");
    CliRun run = solve(input, "--hessian", "exact");
    assertRefused(run, ExitCode.USAGE, "d = 20000 with the exact Hessian", "GiB", "heap allows",
        "ATTNREG_DRIVER_MEMORY");
    assertOnlyTheLoadRan();
    // the load is its one Spark job, or none: a small local text input is read on the driver while Spark starts
    assertTrue(jobsRun().size() <= 1, jobsRun().toString());
  }
}
