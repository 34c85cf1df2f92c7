package org.attnreg.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.attnreg.cli.ExitCode;
import org.attnreg.io.InputFormat;
import org.attnreg.job.GenerateJob;
import org.attnreg.job.PlantedInstance;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.FaultyFileSystem;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A solve whose output file system fails at each create, write, flush and rename of a result or a
 * checkpoint in turn, over a directory holding another run's complete results: afterwards the
 * directory is either one complete set (told by {@code summary.json}'s digests, and then really one
 * run's files) or recognisably a mixture, and {@code --resume} (or, where no checkpoint of this run
 * exists yet, a fresh solve) ends with exactly the x of an uninterrupted run.
 */
@ExtendWith(SharedSpark.class)
class FaultInjectionTest {
  @TempDir
  static Path dir;
  static Path data;
  static double[] reference;
  static double[] old;
  static Path template;

  @BeforeAll
  static void instanceReferenceAndAnOldResultSet(SparkSession spark) throws IOException {
    Configuration.addDefaultResource("faulty-site.xml"); // registers faulty:// in every configuration
    FaultyFileSystem.failAt(0);
    data = dir.resolve("data");
    GenerateJob.run(spark, new PlantedInstance("softmax", 2_000, 4, 11L, 0.0, 1.0, 1.0, 0), InputFormat.CSV, 2,
        data.toString());
    Files.writeString(dir.resolve("far.csv"), "3\n-3\n3\n-3\n");
    CliRun r = CliRun.of(solve("file://" + dir.resolve("reference"), true));
    assertEquals(ExitCode.OK, r.code(), r.toString());
    reference = CliRun.vector(dir.resolve("reference/x.csv"));
    template = dir.resolve("old");
    CliRun o = CliRun.of(concat(solve("file://" + template, true), "--tol", "1e-3"));
    assertEquals(ExitCode.OK, o.code(), o.toString());
    old = CliRun.vector(template.resolve("x.csv"));
    assertNotEquals(reference[0], old[0], "the old set must differ from the new one");
  }

  @AfterAll
  static void noFaults() {
    FaultyFileSystem.failAt(0);
  }

  static String[] solve(String out, boolean fresh) {
    List<String> args = new ArrayList<>(List.of("solve", "--family", "softmax", "--input", data.toString(), "--out",
        out, "--partitions", "2", "--hessian", "sketch", "--sketch", "leverage", "--sketch-size", "400", "--seed", "5",
        "--tol", "1e-12"));
    args.addAll(fresh ? List.of("--x0", dir.resolve("far.csv").toString()) : List.of("--resume"));
    return args.toArray(String[]::new);
  }

  static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.remove(all.lastIndexOf("--tol") + 1);
    all.remove(all.lastIndexOf("--tol"));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  static Path copyOfOld(String name) throws IOException {
    Path to = dir.resolve(name);
    Files.createDirectories(to);
    try (var files = Files.list(template)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  @Test
  void aFaultAtAnyWriteLeavesACompleteSetOrAKnownMixtureAndResumeReachesTheSameX() throws IOException {
    Path counted = copyOfOld("counted");
    FaultyFileSystem.failAt(0);
    CliRun clean = CliRun.of(solve("faulty://" + counted, true));
    assertEquals(ExitCode.OK, clean.code(), clean.toString());
    List<String> operations = FaultyFileSystem.log();
    assertArrayEquals(reference, CliRun.vector(counted.resolve("x.csv")), 0.0);
    for (String op : List.of("create", "write", "flush", "rename")) {
      assertTrue(operations.contains(op + " checkpoint.json") && operations.contains(op + " summary.json"),
          op + " is a fault point: " + operations);
    }
    int mixtures = 0;
    for (int n = 1; n <= operations.size(); n++) {
      String what = "fault at operation " + n + " (" + operations.get(n - 1) + ")";
      Path out = copyOfOld("fault-" + n);
      FaultyFileSystem.failAt(n);
      CliRun failed = CliRun.of(solve("faulty://" + out, true));
      FaultyFileSystem.failAt(0);
      assertEquals(ExitCode.INTERNAL, failed.code(), what + "\n" + failed);
      assertTrue(failed.err().contains("injected fault"), what + "\n" + failed.err());

      List<String> problems = ResultWriter.verify(AtomicFiles.in(out.toString()));
      if (problems.isEmpty()) {
        double[] x = CliRun.vector(out.resolve("x.csv"));
        double[] summaryX = new ObjectMapper().convertValue(
            new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("x"), double[].class);
        assertArrayEquals(summaryX, x, 0.0, what + ": a set told complete is one run's");
        assertTrue(java.util.Arrays.equals(x, old) || java.util.Arrays.equals(x, reference), what);
      } else {
        mixtures++;
      }

      CliRun resumed = CliRun.of(solve("faulty://" + out, false));
      if (resumed.code() == ExitCode.USAGE) { // no checkpoint of this run yet: the old one's, or none
        assertTrue(resumed.err().contains("no checkpoint.json") || resumed.err().contains("for a different run"),
            what + "\n" + resumed);
        resumed = CliRun.of(solve("faulty://" + out, true));
      }
      assertEquals(ExitCode.OK, resumed.code(), what + "\n" + resumed);
      assertArrayEquals(reference, CliRun.vector(out.resolve("x.csv")), 0.0, what + ": the uninterrupted x");
      assertEquals(List.of(), ResultWriter.verify(AtomicFiles.in(out.toString())), what);
    }
    assertTrue(mixtures > 0, "some faults must leave a mixture, and it must be recognised");
  }
}
