package org.attnreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.attnreg.output.StartingPoint;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line end to end: generate a planted instance, solve it, read the results back. */
@ExtendWith(SharedSpark.class)
class SolveCommandTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void startSpark(SparkSession spark) {
    // The shared session exists before the commands ask for one, so they reuse it.
  }

  private static Path generate(String format, String family, String... extra) {
    Path out = dir.resolve("instance-" + family + "-" + format);
    List<String> args = new java.util.ArrayList<>(List.of("generate", "--family", family, "--n", "3000", "--d", "6",
        "--format", format, "--partitions", "3", "--seed", "11", "--out", out.toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    return out;
  }

  private static double relativeError(double[] x, double[] xStar) {
    double e = 0.0;
    double s = 0.0;
    for (int j = 0; j < x.length; j++) {
      e += (x[j] - xStar[j]) * (x[j] - xStar[j]);
      s += xStar[j] * xStar[j];
    }
    return Math.sqrt(e / s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "libsvm", "parquet"})
  void solvesAGeneratedInstanceInEachFormat(String format) throws IOException {
    String[] extra = format.equals("libsvm") ? new String[] {"--density", "0.7"} : new String[0];
    Path instance = generate(format, "softmax", extra);
    Path out = dir.resolve("solve-" + format);
    CliRun run = CliRun.of("solve", "--family", "softmax", "--input", instance.toString(), "--out", out.toString(),
        "--partitions", "3", "--x0", zeros(6).toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    assertTrue(run.out().contains("converged after"), run.out());
    Configuration conf = new Configuration();
    double[] x = StartingPoint.read(out.resolve("x.csv").toString(), 6, conf);
    double[] xStar = StartingPoint.read(instance.resolve("_x_star.csv").toString(), 6, conf);
    assertTrue(relativeError(x, xStar) <= Tolerances.PLANTED_RECOVERY, "‖x − x*‖/‖x*‖ = " + relativeError(x, xStar));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals("converged", summary.get("status").asText());
    assertEquals(3000, summary.get("n").asLong());
    assertEquals(6, summary.get("d").asInt());
    assertEquals(3, summary.get("partitions").asInt());
    assertEquals(6, summary.get("x").size());
    assertTrue(summary.get("iterations").asInt() >= 1, "from the origin at least one Newton step is needed");
    List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
    assertEquals(summary.get("iterations").asInt() + 2, trace.size(), "header plus one row per iterate");
  }

  @Test
  void aSolveThatStopsShortStillWritesItsResultsAndExitsWithItsOwnCode() throws IOException {
    Path instance = generate("csv", "exp");
    Path out = dir.resolve("short");
    CliRun run = CliRun.of("solve", "--family", "exp", "--input", instance.toString(), "--out", out.toString(),
        "--max-iter", "0", "--x0", zeros(6).toString());
    assertEquals(ExitCode.NOT_CONVERGED, run.exitCode(), run.toString());
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals("max_iterations", summary.get("status").asText());
    assertTrue(Files.exists(out.resolve("x.csv")));
  }

  @Test
  void badUsageIsRefusedBeforeAnythingRuns() {
    Path out = dir.resolve("usage");
    CliRun unknown = CliRun.of("solve", "--family", "nope", "--input", "whatever.csv", "--out", out.toString());
    assertEquals(ExitCode.USAGE, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("unknown family 'nope'"), unknown.err());
    CliRun badTol = CliRun.of("solve", "--tol", "-1", "--input", "whatever.csv", "--out", out.toString());
    assertEquals(ExitCode.USAGE, badTol.exitCode(), badTol.toString());
    assertTrue(badTol.err().contains("--tol"), badTol.err());
    CliRun missing = CliRun.of("solve", "--input", "whatever.csv");
    assertEquals(ExitCode.USAGE, missing.exitCode(), missing.toString());
    assertTrue(!Files.exists(out), "nothing may be written for bad usage");
  }

  @Test
  void badDataNamesFileLineAndValueAndWritesNothing() throws IOException {
    Path data = dir.resolve("bad.csv");
    Files.writeString(data, "0.5,1.0,2.0\n0.5,1.0,NaN\n0.5,x,2.0\n");
    Path out = dir.resolve("bad-out");
    CliRun run = CliRun.of("solve", "--input", data.toString(), "--out", out.toString());
    assertEquals(ExitCode.BAD_DATA, run.exitCode(), run.toString());
    assertTrue(run.err().contains("bad.csv:2") && run.err().contains("NaN"), run.err());
    assertTrue(!Files.exists(out.resolve("summary.json")) && !Files.exists(out.resolve("x.csv")),
        "nothing that looks like a result may be written");
  }

  private static Path zeros(int d) throws IOException {
    Path p = dir.resolve("zeros-" + d + ".csv");
    Files.writeString(p, "0\n".repeat(d));
    return p;
  }
}
