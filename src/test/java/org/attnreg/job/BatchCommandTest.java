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
 * {@code attnreg batch}: good instances are solved right, and a malformed file, an instance that
 * cannot converge in its iterations, one too large for memory and (with {@code --isolate}) one whose JVM
 * runs out of memory or is killed are reported in batch.csv without harming the others; manifests that
 * would let instances share or read each other's outputs, or set options solve does not document, are
 * refused before anything runs.
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
    Files.writeString(dir.resolve("wide.libsvm"), "1 1:0.5 20000:1\n0 1:0.5\n1 2:1\n");
  }

  private static CliRun batch(String manifestJson, String... extra) throws IOException {
    Path manifest = Files.createTempFile(dir, "manifest", ".json");
    Files.writeString(manifest, manifestJson);
    List<String> args = new java.util.ArrayList<>(List.of("batch", manifest.toString(), "--out",
        dir.resolve("never").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertRefused(CliRun run, String... parts) {
    assertEquals(ExitCode.USAGE, run.code(), run.toString());
    for (String part : parts) {
      assertTrue(run.err().contains(part), "'" + part + "' in " + run.err());
    }
    assertTrue(!Files.exists(dir.resolve("never/batch.csv")), "nothing ran");
  }

  private static String raw(String name, String input, String out, String options) {
    return "{\"name\": \"" + name + "\", \"input\": \"" + input + "\", \"out\": \"" + out
        + "\", \"options\": {" + options + "}}";
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

  @Test
  void outputsAreComparedAsNormalisedQualifiedPaths() throws IOException {
    String abs = dir.resolve("out/y").toString();
    String good = dir.resolve("good-1").toString();
    assertRefused(batch("[" + raw("a", good, abs, "") + ", " + raw("b", good, abs + "/", "") + "]"),
        "output directories of 'a' and 'b' are the same");
    assertRefused(batch("[" + raw("a", good, abs, "") + ", " + raw("b", good, abs + "/../y/./", "") + "]"),
        "are the same");
    // a relative path names the same directory as its absolute form
    String cwd = Path.of("").toAbsolutePath().toString();
    String relative = dir.toString().startsWith(cwd + "/")
        ? dir.resolve("out/y").toString().substring(cwd.length() + 1) : Path.of(cwd).relativize(dir.resolve("out/y")).toString();
    assertRefused(batch("[" + raw("a", good, abs, "") + ", " + raw("b", good, relative, "") + "]"), "are the same");
    assertRefused(batch("[" + raw("a", good, abs, "") + ", " + raw("b", good, abs + "/inner", "") + "]"),
        "lie one inside the other");
  }

  @Test
  void anInstanceCannotReadOrWriteIntoAnotherInstancesOutput() throws IOException {
    String good = dir.resolve("good-1").toString();
    String outA = dir.resolve("out/a").toString();
    Files.writeString(dir.resolve("m-out.json"), "[" + raw("a", good, outA, "") + "]");
    // b reads what a writes
    assertRefused(batch("[" + raw("a", good, outA, "") + ", " + raw("b", outA + "/", dir.resolve("out/b").toString(), "")
        + "]"), "output directory of 'a'", "is an input of 'b'");
    // b's x0 lies in a's output
    assertRefused(batch("[" + raw("a", good, outA, "") + ", " + raw("b", good, dir.resolve("out/b").toString(),
        "\"x0\": \"" + outA + "/x.csv\"") + "]"), "contains an input of 'b'");
    // the batch's own --out among an instance's data
    CliRun run = CliRun.of("batch", dir.resolve("m-out.json").toString(), "--out", good + "/");
    assertEquals(ExitCode.USAGE, run.code(), run.toString());
    assertTrue(run.err().contains("overlaps the input") && run.err().contains("instance 'a'"), run.err());
    assertTrue(!Files.exists(dir.resolve("good-1/batch.csv")));
    // b writes into a's input directory
    assertRefused(batch("[" + raw("a", good, outA, "") + ", " + raw("b", good, good + "/results", "") + "]"),
        "output directory of 'b'", "lies inside an input of 'a'");
  }

  @Test
  void onlyDocumentedSolveOptionsAreAcceptedAndMasterCannotBeSmuggledIn() throws IOException {
    String good = dir.resolve("good-1").toString();
    String out = dir.resolve("out/o").toString();
    assertRefused(batch("[" + raw("a", good, out, "\"master=spark://127.0.0.1:7077\": true") + "]"),
        "unknown option 'master=spark://127.0.0.1:7077'");
    assertRefused(batch("[" + raw("a", good, out, "\"--master\": \"spark://127.0.0.1:7077\"") + "]"),
        "option 'master' cannot be set");
    assertRefused(batch("[" + raw("a", good, out, "\"stop-after-iterations\": 1") + "]"),
        "unknown option 'stop-after-iterations'");
    assertRefused(batch("[" + raw("a", good, out, "\"max-iterations\": 3") + "]"), "unknown option 'max-iterations'",
        "max-iter");
    assertRefused(batch("[" + raw("a", good, out, "\"diagnose\": \"yes\"") + "]"), "'diagnose' is a flag");
    assertRefused(batch("[" + raw("a", good, out, "\"tol\": true") + "]"), "'tol' needs a number or a string");
    // a value that looks like an option stays the option's value (--sketch=--master=…), never an option of its own
    CliRun run = batch("[" + raw("a", good, out, "\"sketch\": \"--master=spark://127.0.0.1:7077\"") + "]");
    assertEquals(ExitCode.NOT_CONVERGED, run.code(), run.toString());
    Map<String, String> row = rows(dir.resolve("never/batch.csv")).get("a");
    assertTrue(row.get("error").contains("--master=spark://127.0.0.1:7077") && row.get("exit_code").equals("2"),
        row.toString());
    Files.delete(dir.resolve("never/batch.csv"));
    assertRefused(batch("[{\"name\": \"a\", \"input\": \"" + good + "\", \"out\": \"" + out
        + "\", \"master\": \"spark://127.0.0.1:7077\"}]"), "unknown key 'master'");
    assertRefused(batch("[{\"name\": \"a\", \"input\": \"" + good + "\", \"out\": \"" + out
        + "\", \"driver_memory\": \"1g\"}]"), "driver_memory, which only --isolate can give");
  }

  @Test
  void anInstanceTooLargeForMemoryIsRefusedByThePreflightAndTheOthersFinish() throws IOException {
    Path manifest = dir.resolve("preflight.json");
    Files.writeString(manifest, "[" + entry("huge", "wide.libsvm", "\"hessian\": \"exact\"") + ",\n"
        + entry("after-huge", "good-2", "\"partitions\": 2") + "]");
    CliRun run = CliRun.of("batch", manifest.toString(), "--out", dir.resolve("out-preflight").toString());
    assertEquals(ExitCode.NOT_CONVERGED, run.code(), run.toString());
    Map<String, Map<String, String>> rows = rows(dir.resolve("out-preflight/batch.csv"));
    assertEquals(2, rows.size(), rows.toString());
    Map<String, String> huge = rows.get("huge");
    assertEquals("bad_options", huge.get("status"), huge.toString());
    assertEquals("2", huge.get("exit_code"));
    assertTrue(huge.get("error").contains("d = 20000") && huge.get("error").contains("GiB"), huge.get("error"));
    assertEquals("converged", rows.get("after-huge").get("status"), rows.get("after-huge").toString());
    double[] x = CliRun.vector(dir.resolve("out/after-huge/x.csv"));
    double[] xStar = CliRun.vector(dir.resolve("good-2/" + GenerateJob.X_STAR));
    assertTrue(CliRun.relativeDistance(x, xStar) <= Tolerances.PLANTED_RECOVERY);
  }

  /**
   * With --isolate every instance has its own driver JVM: one starved of heap (a 32 MB driver runs out of
   * memory starting Spark) and one killed with SIGKILL while it runs end only themselves; batch.csv
   * already lists every finished instance when the next one starts.
   */
  @Test
  void isolatedInstancesSurviveAnotherRunningOutOfMemoryOrBeingKilled() throws Exception {
    Path manifest = dir.resolve("isolate.json");
    String victimOut = dir.resolve("out/victim-of-kill").toString();
    Files.writeString(manifest, "[" + entry("iso-good", "good-1", "\"partitions\": 2") + ",\n"
        + entry("starved", "good-2", "").replace("\"options\"", "\"driver_memory\": \"32m\", \"options\"") + ",\n"
        + raw("victim", dir.resolve("good-2").toString(), victimOut, "") + "]");
    Path csv = dir.resolve("out-iso/batch.csv");
    java.util.concurrent.CompletableFuture<Map<String, Map<String, String>>> seenAtKill =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> killWhenStarted(victimOut, csv));
    CliRun run = CliRun.of("batch", manifest.toString(), "--out", dir.resolve("out-iso").toString(), "--isolate");
    assertEquals(ExitCode.NOT_CONVERGED, run.code(), run.toString());

    Map<String, Map<String, String>> rows = rows(csv);
    assertEquals(3, rows.size(), rows.toString());
    Map<String, String> good = rows.get("iso-good");
    assertEquals("converged", good.get("status"), good.toString());
    double[] x = CliRun.vector(dir.resolve("out/iso-good/x.csv"));
    assertTrue(CliRun.relativeDistance(x, CliRun.vector(dir.resolve("good-1/" + GenerateJob.X_STAR)))
        <= Tolerances.PLANTED_RECOVERY);
    Map<String, String> starved = rows.get("starved");
    assertEquals("out_of_memory", starved.get("status"), starved.toString());
    assertTrue(starved.get("error").contains("OutOfMemoryError"), starved.toString());
    Map<String, String> victim = rows.get("victim");
    assertEquals("killed", victim.get("status"), victim.toString());
    assertEquals("137", victim.get("exit_code"));
    assertTrue(victim.get("error").contains("signal 9"), victim.toString());

    Map<String, Map<String, String>> before = seenAtKill.get(5, java.util.concurrent.TimeUnit.MINUTES);
    assertEquals("converged", before.get("iso-good").get("status"), before.toString());
    assertEquals("out_of_memory", before.get("starved").get("status"), before.toString());
    assertEquals("pending", before.get("victim").get("status"), before.toString());
    assertTrue(Files.readString(dir.resolve("out-iso/logs/starved.log")).contains("OutOfMemoryError"));
  }

  /** The full command line (ProcessHandle.Info truncates long ones), or "" once the process is gone. */
  private static String commandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc/" + p.pid() + "/cmdline"))).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** Kills the child JVM whose command line names {@code out} as soon as it appears; returns batch.csv then. */
  private static Map<String, Map<String, String>> killWhenStarted(String out, Path csv) {
    try {
      while (true) {
        java.util.Optional<ProcessHandle> child = ProcessHandle.current().descendants()
            .filter(p -> commandLine(p).contains(out)).findFirst();
        if (child.isPresent()) {
          Map<String, Map<String, String>> rows = rows(csv);
          child.get().destroyForcibly();
          return rows;
        }
        Thread.sleep(20);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
