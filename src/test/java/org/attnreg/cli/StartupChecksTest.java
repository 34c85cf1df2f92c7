package org.attnreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.attnreg.Main;
import org.attnreg.command.ExitCode;
import org.attnreg.command.SessionFactory;
import org.attnreg.output.OutputLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever can be refused without the data is refused before a Spark session is asked for: each
 * command line here runs with a session factory that counts its calls (and fails, so that no Spark
 * starts), and must end with its exit code, a short message naming the culprit, and no call.
 */
class StartupChecksTest {
  @TempDir
  static Path dir;
  static Path csv;
  static Path headed;
  static Path libsvm;
  static Path aFile;

  @BeforeAll
  static void inputs() throws IOException {
    csv = Files.writeString(dir.resolve("rows.csv"), "0.5,1.0,2.0\n0.25,0.5,1.5\n");
    headed = Files.writeString(dir.resolve("headed.csv"), "b,a1,a2\n0.5,1.0,2.0\n0.25,0.5,1.5\n");
    libsvm = Files.writeString(dir.resolve("rows-libsvm.csv"), "0.5 1:1.0 2:2.0\n0.25 1:0.5 2:1.5\n");
    aFile = Files.writeString(dir.resolve("a-file"), "not a directory\n");
  }

  /** A run of the command line whose session factory counts how often it was asked. */
  record Run(int code, String out, String err, int sessions) {
    static Run of(String... args) {
      AtomicInteger asked = new AtomicInteger();
      SessionFactory counting = (app, master, settings) -> {
        asked.incrementAndGet();
        throw new IllegalStateException("a Spark session was asked for");
      };
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), counting, args);
      return new Run(code, out.toString(), err.toString(), asked.get());
    }

    @Override
    public String toString() {
      return "exit " + code + ", " + sessions + " session(s)\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  private static String out(String name) {
    return dir.resolve(name).toString();
  }

  private static String[] solve(String... extra) {
    List<String> args = new ArrayList<>(List.of("solve", "--family", "exp", "--input", csv.toString(), "--out",
        out("solve-out")));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  static Stream<Arguments> usageErrors() throws IOException {
    Path lockedOut = Files.createDirectories(dir.resolve("locked-out"));
    Files.writeString(lockedOut.resolve(OutputLock.FILE), "pid=" + ProcessHandle.current().pid() + "\nhost="
        + InetAddress.getLocalHost().getHostName() + "\nstarted=now\ntoken=t\n");
    String sweepOut = out("sensitivity-out");
    return Stream.of(
        Arguments.of("--format tsv", solve("--format", "tsv"), "--format"),
        Arguments.of("--partitions -1", solve("--partitions", "-1"), "--partitions"),
        Arguments.of("--block-rows -5", solve("--block-rows", "-5"), "--block-rows"),
        Arguments.of("--label-column -1", solve("--label-column", "-1"), "--label-column"),
        Arguments.of("--num-features -2", solve("--num-features", "-2"), "--num-features"),
        Arguments.of("--storage", solve("--storage", "NOWHERE"), "--storage"),
        Arguments.of("--tol -1", solve("--tol", "-1"), "--tol"),
        Arguments.of("--tol NaN", solve("--tol", "NaN"), "--tol"),
        Arguments.of("--epsilon 0", solve("--epsilon", "0"), "--epsilon"),
        Arguments.of("--max-iter -1", solve("--max-iter", "-1"), "--max-iter"),
        Arguments.of("unknown family", new String[] {"solve", "--family", "nope", "--input", csv.toString(), "--out",
            out("solve-out")}, "nope"),
        Arguments.of("--x0 missing", solve("--x0", out("no-x0.csv")), "--x0"),
        Arguments.of("--out is a file", new String[] {"solve", "--input", csv.toString(), "--out", aFile.toString()},
            "not a directory"),
        Arguments.of("--out below a file", new String[] {"solve", "--input", csv.toString(), "--out",
            aFile.resolve("sub").toString()}, "--out"),
        Arguments.of("--out holds the input", new String[] {"solve", "--input", csv.toString(), "--out",
            dir.toString()}, "--input"),
        Arguments.of("--out held by a live run", new String[] {"solve", "--input", csv.toString(), "--out",
            lockedOut.toString()}, "in use by another run"),
        Arguments.of("generate --format tsv", new String[] {"generate", "--n", "10", "--d", "2", "--format", "tsv",
            "--out", out("gen-1")}, "--format"),
        Arguments.of("generate --partitions -1", new String[] {"generate", "--n", "10", "--d", "2", "--partitions",
            "-1", "--out", out("gen-2")}, "--partitions"),
        Arguments.of("generate into an existing path", new String[] {"generate", "--n", "10", "--d", "2", "--out",
            aFile.toString()}, "already exists"),
        Arguments.of("sensitivity --block-rows -5", new String[] {"sensitivity", "--input", csv.toString(), "--out",
            sweepOut, "--block-rows", "-5"}, "--block-rows"),
        Arguments.of("sensitivity --norms -1", new String[] {"sensitivity", "--input", csv.toString(), "--out",
            sweepOut, "--norms", "-1"}, "--norms"),
        Arguments.of("batch --parallel 0", new String[] {"batch", csv.toString(), "--out", out("batch-out"),
            "--parallel", "0"}, "--parallel"),
        Arguments.of("icl --format tsv", new String[] {"icl", "--input", csv.toString(), "--format", "tsv",
            "--no-experiment", "--out", out("icl-out")}, "--format"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void usageErrorsExitWithTwoBeforeAnySparkSession(String name, String[] args, String named) {
    Run run = Run.of(args);
    assertEquals(ExitCode.USAGE, run.code(), run.toString());
    assertEquals(0, run.sessions(), "no session may be asked for: " + run);
    if (!args[0].equals("icl")) { // icl logs its refusal instead of printing it
      assertTrue(run.err().contains(named), "the message names " + named + ":\n" + run.err());
      InputErrorsCliTest.assertShort(run.err());
    }
  }

  @Test
  void aMissingInputIsBadDataReportedBeforeSpark() {
    Path missing = dir.resolve("no-such-input");
    Path outDir = dir.resolve("missing-out");
    Run run = Run.of("solve", "--input", missing.toString(), "--out", outDir.toString());
    assertEquals(ExitCode.BAD_DATA, run.code(), run.toString());
    assertEquals(0, run.sessions(), run.toString());
    assertTrue(run.err().contains(missing.toString()) && run.err().contains("no such file"), run.err());
    InputErrorsCliTest.assertShort(run.err());
    assertFalse(Files.exists(outDir), "nothing is created for a refused run");
  }

  @Test
  void aHeaderReadAsARowIsReportedBeforeSpark() {
    Run run = Run.of("solve", "--input", headed.toString(), "--out", out("headed-out"));
    assertEquals(ExitCode.BAD_DATA, run.code(), run.toString());
    assertEquals(0, run.sessions(), run.toString());
    assertTrue(run.err().contains("headed.csv") && run.err().contains("--header"), run.err());
    InputErrorsCliTest.assertShort(run.err());
  }

  @Test
  void libsvmContentInACsvFileIsReportedBeforeSpark() {
    Run run = Run.of("solve", "--input", libsvm.toString(), "--out", out("libsvm-out"));
    assertEquals(ExitCode.BAD_DATA, run.code(), run.toString());
    assertEquals(0, run.sessions(), run.toString());
    assertTrue(run.err().contains("--format libsvm"), run.err());
  }

  @Test
  void aCommandLineThatPassesEveryCheckAsksForOneSessionAndLeavesNoEmptyOutput() {
    Path outDir = dir.resolve("passing-out");
    Run run = Run.of("solve", "--family", "exp", "--input", csv.toString(), "--out", outDir.toString());
    assertEquals(1, run.sessions(), run.toString());
    assertEquals(ExitCode.INTERNAL, run.code(), "the counting factory refuses to start Spark: " + run);
    assertFalse(Files.exists(outDir), "the output directory this run created and left empty is removed");
    Run headerGiven = Run.of("solve", "--input", headed.toString(), "--header", "--out", out("headed-ok"));
    assertEquals(1, headerGiven.sessions(), headerGiven.toString());
    Run generate = Run.of("generate", "--n", "10", "--d", "2", "--out", out("gen-ok"));
    assertEquals(1, generate.sessions(), generate.toString());
  }
}
