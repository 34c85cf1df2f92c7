package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.io.InputFormat;
import org.attnreg.io.ReadOptions;
import org.attnreg.output.Checkpoint;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint after every accepted step, and {@code solve --resume}: a solve interrupted after iterate
 * k (its listener throws once the checkpoint of k is written, as a driver killed there) and resumed
 * ends with exactly the x of an uninterrupted solve; a resume with other options or
 * another input is refused with exit code 2 and a message naming the difference. Also the warm start
 * {@code --x0} from an x.csv or a summary.json.
 */
@ExtendWith(SharedSpark.class)
class CheckpointResumeTest {
  @TempDir
  static Path dir;
  static Path data;
  static Path reference;

  static SparkSession spark;

  /** The solver options of every solve here: a leverage-sampled Hessian, so that the curvature has state. */
  static final String[] SOLVER = {"--family", "softmax", "--hessian", "sketch", "--sketch", "leverage",
      "--sketch-size", "600", "--seed", "3", "--tol", "1e-12"};

  /** A far start that needs several damped steps. */
  static String[] solve(Path out, String... more) {
    String[] base = {"solve", "--input", data.toString(), "--out", out.toString(), "--partitions", "2",
        "--x0", dir.resolve("far.csv").toString()};
    base = concat(base, SOLVER);
    return concat(base, more);
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The solve of {@link #solve}, interrupted right after the checkpoint of iterate k (see {@link InterruptedSolve}). */
  static void solveUntilIterate(Path out, int k) throws IOException {
    InterruptedSolve.untilIterate(spark, data, dir.resolve("far.csv"), 8, SOLVER, reference, out, k, r -> r);
  }

  @BeforeAll
  static void instanceAndUninterruptedSolve(SparkSession session) throws IOException {
    spark = session;
    data = dir.resolve("data");
    GenerateJob.run(spark, new PlantedInstance("softmax", 20_000, 8, 5L, 0.0, 1.0, 1.0, 0), InputFormat.CSV, 2,
        data.toString());
    InterruptedSolve.writeFarStart(dir.resolve("far.csv"), 8, 4.0);
    reference = dir.resolve("reference");
    CliRun r = CliRun.of(solve(reference));
    assertEquals(ExitCode.OK, r.code(), r.toString());
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void aSolveInterruptedAfterIterationKAndResumedEndsWithTheUninterruptedX() throws IOException {
    int iterations = json(reference.resolve("summary.json")).get("iterations").asInt();
    assertTrue(iterations >= 4, "the reference solve should take several steps, took " + iterations);
    Path out = dir.resolve("stopped");
    solveUntilIterate(out, 2);
    assertFalse(Files.exists(out.resolve("summary.json")), "an interrupted solve has no summary");
    JsonNode checkpoint = json(out.resolve(Checkpoint.FILE));
    assertEquals(2, checkpoint.get("iteration").asInt());
    assertEquals(2, checkpoint.get("trace").size());
    assertEquals("leverage", checkpoint.get("curvature").get("id").asText().replaceAll("[^a-z].*", ""));
    JsonNode projection = checkpoint.get("curvature").get("matrices").get("projection");
    assertEquals(16 * 8, projection.get("values").size(), "the sampler's k×d score projection is saved as data");

    CliRun resumed = CliRun.of(withoutX0(solve(out, "--resume")));
    assertEquals(ExitCode.OK, resumed.code(), resumed.toString());
    assertArrayEquals(CliRun.vector(reference.resolve("x.csv")), CliRun.vector(out.resolve("x.csv")), 0.0,
        "resumed x must equal the uninterrupted x bit for bit");
    JsonNode summary = json(out.resolve("summary.json"));
    assertEquals(iterations, summary.get("iterations").asInt());
    assertEquals(2, summary.get("resumed_from_iteration").asInt());
    assertEquals(json(reference.resolve("summary.json")).get("value_passes"), summary.get("value_passes"));
    assertEquals(iterations + 1, Files.readAllLines(out.resolve("trace.csv")).size() - 1, "trace rows 0..k");
  }

  /**
   * The Gauss–Newton sketch's finishing phase keeps a d×d preconditioner: it goes through the
   * checkpoint file as data, and a solve resumed from a checkpoint that holds it ends bit for bit
   * where the uninterrupted one does.
   */
  @Test
  void aResumeInTheGaussNewtonFinishKeepsItsPreconditioner() throws IOException {
    String[] gaussNewton = {"--family", "softmax", "--hessian", "sketch", "--sketch", "gauss-newton", "--seed", "3",
        "--tol", "1e-12"};
    Path reference = dir.resolve("gn-reference");
    String[] base = {"solve", "--input", data.toString(), "--partitions", "2", "--x0",
        dir.resolve("far.csv").toString()};
    CliRun r = CliRun.of(concat(concat(base, new String[] {"--out", reference.toString()}), gaussNewton));
    assertEquals(ExitCode.OK, r.code(), r.toString());
    int iterations = json(reference.resolve("summary.json")).get("iterations").asInt();
    Path out = dir.resolve("gn-stopped");
    int k = iterations - 1; // the finishing phase has begun by the last accepted step
    InterruptedSolve.untilIterate(spark, data, dir.resolve("far.csv"), 8, gaussNewton, reference, out, k, q -> q);
    JsonNode matrices = json(out.resolve(Checkpoint.FILE)).get("curvature").get("matrices");
    assertEquals(8 * 8, matrices.get("preconditioner").get("values").size(),
        "the kept preconditioner is saved as data: " + matrices.fieldNames().next());
    CliRun resumed = CliRun.of(withoutX0(concat(concat(base, new String[] {"--out", out.toString(), "--resume"}),
        gaussNewton)));
    assertEquals(ExitCode.OK, resumed.code(), resumed.toString());
    assertArrayEquals(CliRun.vector(reference.resolve("x.csv")), CliRun.vector(out.resolve("x.csv")), 0.0,
        "resumed x must equal the uninterrupted x bit for bit");
    JsonNode summary = json(out.resolve("summary.json"));
    assertEquals(iterations, summary.get("iterations").asInt());
    assertEquals(json(reference.resolve("summary.json")).get("derivative_passes"), summary.get("derivative_passes"));
  }

  /** --resume and --x0 exclude each other; the far start is in the checkpoint. */
  static String[] withoutX0(String[] args) {
    java.util.List<String> list = new java.util.ArrayList<>(java.util.List.of(args));
    int i = list.indexOf("--x0");
    list.remove(i + 1);
    list.remove(i);
    return list.toArray(String[]::new);
  }

  @Test
  void aResumeWithOtherOptionsOrAnotherInputIsRefusedNamingTheDifference() throws IOException {
    Path out = dir.resolve("refused");
    solveUntilIterate(out, 1);

    String[] tol = withoutX0(solve(out, "--resume"));
    tol[java.util.List.of(tol).indexOf("--tol") + 1] = "1e-8";
    CliRun otherTol = CliRun.of(tol);
    assertEquals(ExitCode.USAGE, otherTol.code(), otherTol.toString());
    assertTrue(otherTol.err().contains("options.tol: 1.0E-12 in the checkpoint, 1.0E-8 now"), otherTol.err());

    Path copy = dir.resolve("data-copy");
    Files.createDirectories(copy);
    try (var files = Files.list(data)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    String[] otherInput = withoutX0(solve(out, "--resume"));
    otherInput[java.util.List.of(otherInput).indexOf("--input") + 1] = copy.toString();
    CliRun refused = CliRun.of(otherInput);
    assertEquals(ExitCode.USAGE, refused.code(), refused.toString());
    assertTrue(refused.err().contains("input.fingerprint"), refused.err());

    CliRun both = CliRun.of(solve(out, "--resume"));
    assertEquals(ExitCode.USAGE, both.code(), both.toString());
    assertTrue(both.err().contains("--resume and --x0"), both.err());

    CliRun none = CliRun.of(withoutX0(solve(dir.resolve("never-ran"), "--resume")));
    assertEquals(ExitCode.USAGE, none.code(), none.toString());
    assertTrue(none.err().contains("no checkpoint.json"), none.err());
  }

  @Test
  void aResumeMayRaiseTheIterationLimit() throws IOException {
    Path out = dir.resolve("limited");
    CliRun limited = CliRun.of(solve(out, "--max-iter", "2"));
    assertEquals(ExitCode.NOT_CONVERGED, limited.code(), limited.toString());
    CliRun more = CliRun.of(withoutX0(solve(out, "--resume")));
    assertEquals(ExitCode.OK, more.code(), more.toString());
    assertArrayEquals(CliRun.vector(reference.resolve("x.csv")), CliRun.vector(out.resolve("x.csv")), 0.0);
  }

  @Test
  void aFreshSolveMovesAnOldCheckpointAside() throws IOException {
    Path out = dir.resolve("fresh");
    solveUntilIterate(out, 3);
    String saved = Files.readString(out.resolve(Checkpoint.FILE));
    CliRun again = CliRun.of(solve(out, "--max-iter", "0"));
    assertEquals(ExitCode.NOT_CONVERGED, again.code(), again.toString());
    assertFalse(Files.exists(out.resolve(Checkpoint.FILE)), "no step was accepted, so no checkpoint is current");
    List<Path> aside;
    try (var files = Files.list(out)) {
      aside = files.filter(f -> f.getFileName().toString().matches("checkpoint\\.json\\.\\d{8}T\\d{6}Z\\.old"))
          .toList();
    }
    assertEquals(1, aside.size(), "the old checkpoint is kept under a new name");
    assertEquals(saved, Files.readString(aside.get(0)), "byte for byte");
    assertTrue(again.out().contains("moved aside to " + aside.get(0).getFileName()), again.out());
  }

  @Test
  void warmStartFromXcsvOrSummaryJsonStaysAtTheSolution() throws IOException {
    double[] x = CliRun.vector(reference.resolve("x.csv"));
    for (String from : new String[] {"x.csv", "summary.json"}) {
      Path out = dir.resolve("warm-" + from);
      CliRun warm = CliRun.of("solve", "--family", "softmax", "--input", data.toString(), "--out", out.toString(),
          "--partitions", "2", "--x0", reference.resolve(from).toString(), "--tol", "1e-6");
      assertEquals(ExitCode.OK, warm.code(), warm.toString());
      double moved = CliRun.relativeDistance(CliRun.vector(out.resolve("x.csv")), x);
      assertTrue(moved <= 1e-8, from + ": the warm solve moved x by " + moved + "\n" + warm.out());
      assertTrue(json(out.resolve("summary.json")).get("iterations").asInt() <= 2, warm.out());
      double startLoss = Double.parseDouble(Files.readAllLines(out.resolve("trace.csv")).get(1).split(",")[1]);
      assertTrue(startLoss <= 1e-20, from + ": iterate 0 must be the given x0 (a planted optimum), its loss is "
          + startLoss);
    }
    CliRun wrong = CliRun.of("solve", "--input", data.toString(), "--out", dir.resolve("warm-bad").toString(),
        "--x0", dir.resolve("missing.csv").toString());
    assertEquals(ExitCode.USAGE, wrong.code(), wrong.toString());
    assertTrue(wrong.err().contains("missing.csv: no such file"), wrong.err());
  }
}
