package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.attnreg.cli.ExitCode;
import org.attnreg.io.InputFormat;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnreg batch}: good instances are solved right, and a malformed file and an instance that
 * cannot converge in its iterations are reported in batch.csv without harming the others.
 */
@ExtendWith(SharedSpark.class)
class BatchCommandTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void instances(SparkSession spark) throws IOException {
    for (int seed = 1; seed <= 2; seed++) {
      GenerateJob.run(spark, new PlantedInstance("softmax", 5_000, 6, seed, 0.0, 1.0, 1.0, 0), InputFormat.CSV, 2,
          dir.resolve("good-" + seed).toString());
    }
    Files.createDirectories(dir.resolve("bad"));
    Files.writeString(dir.resolve("bad/rows.csv"), "0.1,1,2,3\n0.2,1,oops,3\n0.3,1,2,3\n");
    Files.writeString(dir.resolve("far.csv"), "6\n-6\n6\n-6\n6\n-6\n");
  }

  private static String entry(String name, String input, String options) {
    return "{\"name\": \"" + name + "\", \"input\": \"" + dir.resolve(input) + "\", \"family\": \"softmax\", "
        + "\"out\": \"" + dir.resolve("out/" + name) + "\", \"options\": {" + options + "}}";
  }

  /** batch.csv as instance → column → value. */
  private static Map<String, Map<String, String>> rows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), f[i].replaceAll("^\"|\"$", ""));
      }
      out.put(row.get("instance"), row);
    }
    return out;
  }

  @Test
  void goodInstancesAreSolvedAndBadOnesReportedWithoutHarmingThem() throws IOException {
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, "{\"instances\": [\n"
        + entry("good-1", "good-1", "\"partitions\": 2") + ",\n"
        + entry("malformed", "bad", "\"format\": \"csv\"") + ",\n"
        + entry("too-few-iterations", "good-1", "\"max-iter\": 1, \"x0\": \"" + dir.resolve("far.csv") + "\"") + ",\n"
        + entry("good-2", "good-2", "\"tol\": 1e-12") + "\n]}\n");
    CliRun run = CliRun.of("batch", manifest.toString(), "--out", dir.resolve("out").toString(), "--parallel", "2");
    assertEquals(ExitCode.NOT_CONVERGED, run.code(), run.toString());

    Map<String, Map<String, String>> rows = rows(dir.resolve("out/batch.csv"));
    assertEquals(4, rows.size(), rows.toString());
    for (String good : List.of("good-1", "good-2")) {
      assertEquals("converged", rows.get(good).get("status"), rows.get(good).toString());
      assertEquals("0", rows.get(good).get("exit_code"));
      double[] x = CliRun.vector(dir.resolve("out/" + good + "/x.csv"));
      double[] xStar = CliRun.vector(dir.resolve(good + "/" + GenerateJob.X_STAR));
      assertTrue(CliRun.relativeDistance(x, xStar) <= Tolerances.PLANTED_RECOVERY,
          good + ": ‖x − x*‖/‖x*‖ = " + CliRun.relativeDistance(x, xStar));
      assertTrue(Files.exists(dir.resolve("out/logs/" + good + ".log")));
    }
    Map<String, String> bad = rows.get("malformed");
    assertEquals("bad_data", bad.get("status"), bad.toString());
    assertEquals("3", bad.get("exit_code"));
    assertTrue(bad.get("error").contains("rows.csv") && bad.get("error").contains("oops"), bad.get("error"));
    Map<String, String> slow = rows.get("too-few-iterations");
    assertEquals("max_iterations", slow.get("status"), slow.toString());
    assertEquals("4", slow.get("exit_code"));
    assertEquals("1", slow.get("iterations"));
    assertTrue(slow.get("error").contains("reached 1 iteration with"), slow.get("error"));
    assertTrue(run.out().contains("2 of 4 instances converged"), run.out());
  }

  @Test
  void aBadManifestIsRefusedBeforeAnythingRuns() throws IOException {
    Path manifest = dir.resolve("bad-manifest.json");
    Files.writeString(manifest, "[" + entry("a", "good-1", "\"master\": \"local[1]\"") + "]");
    CliRun run = CliRun.of("batch", manifest.toString(), "--out", dir.resolve("never").toString());
    assertEquals(ExitCode.USAGE, run.code(), run.toString());
    assertTrue(run.err().contains("instance 1: option 'master' cannot be set"), run.err());

    Files.writeString(manifest, "[" + entry("a", "good-1", "") + ", " + entry("a", "good-2", "") + "]");
    run = CliRun.of("batch", manifest.toString(), "--out", dir.resolve("never").toString());
    assertEquals(ExitCode.USAGE, run.code(), run.toString());
    assertTrue(run.err().contains("the name 'a' is used twice"), run.err());
    assertTrue(!Files.exists(dir.resolve("never/batch.csv")));
  }
}
