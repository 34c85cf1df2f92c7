package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.attnreg.cli.ExitCode;
import org.attnreg.cli.Main;
import org.attnreg.io.InputFormat;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.output.OutputLock;
import org.attnreg.output.ResultWriter;
import org.attnreg.testkit.ChildJvm;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SIGKILL: {@code attnreg solve} runs in a child JVM and is killed once it has written a
 * checkpoint; {@code solve --resume} then takes over its stale lock and ends with exactly the x of an
 * uninterrupted solve.
 */
@ExtendWith(SharedSpark.class)
class KilledSolveTest {
  @TempDir
  Path dir;

  List<String> solve(Path data, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("solve", "--family", "softmax", "--input", data.toString(), "--out",
        out.toString(), "--partitions", "2", "--hessian", "sketch", "--sketch", "leverage", "--sketch-size", "800",
        "--seed", "9", "--tol", "1e-13", "--max-iter", "200"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void aSolveKilledAfterACheckpointResumesToTheUninterruptedX(SparkSession spark) throws Exception {
    Path data = dir.resolve("data");
    GenerateJob.run(spark, new PlantedInstance("softmax", 200_000, 24, 13L, 0.0, 1.0, 1.0, 0), InputFormat.CSV, 2,
        data.toString());
    StringBuilder far = new StringBuilder();
    for (int j = 0; j < 24; j++) {
      far.append(j % 2 == 0 ? 3.0 : -3.0).append('\n');
    }
    Path start = dir.resolve("far.csv");
    Files.writeString(start, far.toString());
    Path out = dir.resolve("killed");
    Process child = ChildJvm.start("1g", dir.resolve("child.log"), Main.class,
        solve(data, out, "--x0", start.toString()).toArray(String[]::new));
    try {
      while (child.isAlive() && !hasCheckpoint(out)) {
        Thread.sleep(50);
      }
      assertTrue(child.isAlive(), "the solve must still run when it is killed:\n" + Files.readString(dir.resolve("child.log")));
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    assertFalse(Files.exists(out.resolve("summary.json")), "a killed solve has no summary");
    assertTrue(Files.exists(out.resolve(OutputLock.FILE)), "the killed run's lock is left behind");
    int killedAt = new ObjectMapper().readTree(out.resolve(Checkpoint.FILE).toFile()).get("iteration").asInt();

    List<String> resume = solve(data, out, "--resume");
    CliRun resumed = CliRun.of(resume.toArray(String[]::new));
    assertEquals(ExitCode.OK, resumed.code(), resumed.toString());
    assertTrue(resumed.out().contains("took over the stale lock"), resumed.out());
    Path reference = dir.resolve("reference");
    CliRun uninterrupted = CliRun.of(solve(data, reference, "--x0", start.toString()).toArray(String[]::new));
    assertEquals(ExitCode.OK, uninterrupted.code(), uninterrupted.toString());
    assertArrayEquals(CliRun.vector(reference.resolve("x.csv")), CliRun.vector(out.resolve("x.csv")), 0.0,
        "resumed from iterate " + killedAt + ", x must equal the uninterrupted x bit for bit");
    assertEquals(List.of(), ResultWriter.verify(AtomicFiles.in(out.toString())));
  }

  private static boolean hasCheckpoint(Path out) {
    try {
      return Files.exists(out.resolve(Checkpoint.FILE))
          && new ObjectMapper().readTree(out.resolve(Checkpoint.FILE).toFile()).get("iteration").asInt() >= 1;
    } catch (IOException e) {
      return false; // being replaced: look again
    }
  }
}
