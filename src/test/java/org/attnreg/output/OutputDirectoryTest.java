package org.attnreg.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.attnreg.cli.ExitCode;
import org.attnreg.io.InputFormat;
import org.attnreg.job.GenerateJob;
import org.attnreg.job.PlantedInstance;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way {@code solve} could harm an output directory or its own inputs is refused (exit code 2,
 * one line naming the option and path) with every user file untouched, listed with its SHA-256
 * before and after; the safe cases keep what a user would miss (an old checkpoint, the lock).
 */
@ExtendWith(SharedSpark.class)
class OutputDirectoryTest {
  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void instance(SparkSession spark) throws IOException {
    Files.writeString(dir.resolve("far.csv"), "3\n-3\n3\n-3\n");
    data = dir.resolve("data");
    GenerateJob.run(spark, new PlantedInstance("softmax", 2_000, 4, 7L, 0.0, 1.0, 1.0, 0), InputFormat.CSV, 2,
        data.toString());
  }

  static String[] solve(Path out, String... more) {
    String[] base = {"solve", "--family", "softmax", "--input", data.toString(), "--out", out.toString(),
        "--partitions", "2", "--hessian", "sketch", "--sketch", "leverage", "--sketch-size", "400", "--seed", "1"};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** Every file below {@code root} (hidden ones too), by relative path, with its SHA-256. */
  static Map<String, String> listing(Path root) {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(root)) {
      return m;
    }
    try (var files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(f).toString(), HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return m;
  }

  /** A directory holding the complete results (and checkpoint) of a finished solve, plus a user's own file. */
  static Path finishedResults(String name) throws IOException {
    Path out = dir.resolve(name);
    CliRun r = CliRun.of(solve(out, "--x0", dir.resolve("far.csv").toString())); // far: steps, so a checkpoint
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertTrue(Files.exists(out.resolve("checkpoint.json")), r.toString());
    Files.writeString(out.resolve("my-notes.txt"), "the user's own file\n");
    return out;
  }

  /** Runs {@code args}, expects exit code 2 with {@code message} and no byte changed under {@code watched}. */
  static CliRun refused(String message, Supplier<String[]> args, Path... watched) {
    List<Map<String, String>> before = java.util.Arrays.stream(watched).map(OutputDirectoryTest::listing).toList();
    CliRun r = CliRun.of(args.get());
    assertEquals(ExitCode.USAGE, r.code(), r.toString());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    for (int k = 0; k < watched.length; k++) {
      assertEquals(before.get(k), listing(watched[k]), watched[k] + " must be untouched");
    }
    return r;
  }

  @Test
  void anExistingFileAsOutIsRefusedBeforeTheDataIsRead() throws IOException {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "precious\n");
    CliRun r = refused("--out " + file + ": exists and is not a directory", () -> solve(file), dir.resolve("a-file"));
    assertFalse(r.out().contains("n = "), "refused before the data was loaded: " + r.out());
    assertEquals("precious\n", Files.readString(file));
  }

  @Test
  void aMissingOrWrongXStarLeavesTheOldResultsInPlace() throws IOException {
    Path out = finishedResults("x-star");
    refused("--x-star " + dir.resolve("none.csv") + ": no such file",
        () -> solve(out, "--x-star", dir.resolve("none.csv").toString()), out);
    Path short3 = dir.resolve("three.csv");
    Files.writeString(short3, "1\n2\n3\n");
    refused("holds 3 coefficients, the problem has d = 4", () -> solve(out, "--x-star", short3.toString()), out);
    assertEquals(List.of(), ResultWriter.verify(AtomicFiles.in(out.toString())), "still one complete set");
  }

  @Test
  void anOutputEqualToInsideOrAroundTheInputIsRefused() throws IOException {
    refused("--out " + data + " is the --input path", () -> solve(data), data);
    refused("/./ is the --input path", () -> new String[] {"solve", "--input", data + "/", "--out", data + "/./"}, data);
    Path inside = data.resolve("results");
    refused("is inside the --input path", () -> solve(inside), data);
    assertFalse(Files.exists(inside));
    Path around = dir.resolve("around");
    Files.createDirectories(around);
    Path nested = around.resolve("data");
    Files.createDirectories(nested);
    try (var files = Files.list(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, nested.resolve(f.getFileName()));
      }
    }
    refused("--input " + nested + " is inside --out " + around, () -> {
      String[] args = solve(around);
      args[java.util.List.of(args).indexOf("--input") + 1] = nested.toString();
      return args;
    }, around);
  }

  @Test
  void aStartOrSolutionFileThatTheRunWouldWriteIsRefused() throws IOException {
    Path out = finishedResults("warm");
    refused("--x0 " + out.resolve("x.csv") + " is the x.csv this run writes", () -> solve(out, "--x0",
        out.resolve("x.csv").toString()), out);
    refused("--x-star " + out.resolve("summary.json") + " is the summary.json this run writes",
        () -> solve(out, "--x-star", out.resolve("summary.json").toString()), out);
  }

  @Test
  void aDirectoryInUseIsRefusedNamingItsOwnerAndAStaleLockIsTakenOver() throws IOException, InterruptedException {
    Path out = finishedResults("locked");
    try (OutputLock held = AtomicFiles.in(out.toString()).lock(n -> { })) {
      refused("is in use by another run (PID " + ProcessHandle.current().pid() + " on host", () -> solve(out), out);
    }
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(out.resolve(OutputLock.FILE), "pid=" + gone.pid() + "\nhost=" + host
        + "\nstarted=2020-01-01T00:00:00Z\ntoken=stale\n");
    CliRun r = CliRun.of(solve(out));
    assertEquals(ExitCode.OK, r.code(), r.toString());
    assertTrue(r.out().contains("took over the stale lock of") && r.out().contains("PID " + gone.pid()), r.out());
    assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "the run released its lock");
    assertEquals("the user's own file\n", Files.readString(out.resolve("my-notes.txt")));
  }

  @Test
  void aFreshSolveKeepsTheOldCheckpointAndTheUsersFilesAndEndsWithOneCompleteSet() throws IOException {
    Path out = finishedResults("again");
    Map<String, String> before = listing(out);
    CliRun r = CliRun.of(solve(out, "--tol", "1e-4"));
    assertEquals(ExitCode.OK, r.code(), r.toString());
    Map<String, String> after = listing(out);
    assertEquals(before.get("my-notes.txt"), after.get("my-notes.txt"));
    String aside = after.keySet().stream().filter(n -> n.startsWith("checkpoint.json.") && n.endsWith(".old"))
        .findFirst().orElseThrow(() -> new AssertionError("no checkpoint moved aside: " + after.keySet()));
    assertEquals(before.get("checkpoint.json"), after.get(aside), "the old checkpoint, byte for byte");
    assertEquals(List.of(), ResultWriter.verify(AtomicFiles.in(out.toString())));
    assertFalse(after.keySet().stream().anyMatch(n -> n.endsWith(".crc") || n.contains(".tmp-")), after.keySet().toString());
  }

  @Test
  void aDamagedCheckpointIsRefusedOnResumeNamingTheFileAndTheField() throws IOException {
    Path out = finishedResults("damaged");
    Path checkpoint = out.resolve("checkpoint.json");
    String text = Files.readString(checkpoint);
    Files.writeString(checkpoint, text.replaceFirst("\"iteration\" : (\\d+)", "\"iteration\" : \"$1\""));
    refused("checkpoint.json: field 'iteration': expected an integer, found the string", () -> solve(out, "--resume"),
        out);
    Files.writeString(checkpoint, text.substring(0, text.length() / 3));
    refused("checkpoint.json: field '", () -> solve(out, "--resume"), out);
  }
}
