package org.attnreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.problem.LossFamilies;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input in the wrong format and command lines picocli cannot parse, through the command line: each
 * is refused with its documented exit code, at most two lines that say what to do, no stack trace,
 * and never a byte of binary content.
 */
@ExtendWith(SharedSpark.class)
class InputErrorsCliTest {
  @TempDir
  static Path dir;
  static Path csv;
  static Path libsvm;
  static Path parquet;

  @BeforeAll
  static void instances(SparkSession spark) {
    csv = generate("csv");
    libsvm = generate("libsvm");
    parquet = generate("parquet");
  }

  private static Path generate(String format) {
    Path out = dir.resolve("instance-" + format);
    CliRun run = CliRun.of("generate", "--family", "softmax", "--n", "60", "--d", "3", "--format", format,
        "--partitions", "2", "--seed", "5", "--out", out.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    return out;
  }

  /** A solve of {@code input} with {@code extra} options that must be refused with {@code code}. */
  private static String refused(int code, Path input, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("solve", "--input", input.toString(), "--out",
        dir.resolve("out-" + input.getFileName()).toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(code, run.exitCode(), run.toString());
    assertShort(run.err());
    assertFalse(Files.exists(dir.resolve("out-" + input.getFileName()).resolve("summary.json")), "nothing written");
    return run.err();
  }

  /** One or two lines of plain text, no stack trace. */
  static void assertShort(String err) {
    List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
    assertTrue(lines.size() >= 1 && lines.size() <= 2, "expected one or two lines:\n" + err);
    assertFalse(err.contains("\tat ") || err.contains("Exception"), "stack trace:\n" + err);
    assertFalse(err.startsWith("Usage:") || err.contains("\nUsage:"), "usage dump:\n" + err);
    for (char c : err.toCharArray()) {
      assertTrue(c == '\n' || c >= 0x20 && c != 0x7f && c != '\uFFFD', "unprintable character "
          + Integer.toHexString(c) + " in:\n" + err);
    }
  }

  @Test
  void parquetFormatOnCsvOrLibsvmFilesSaysWhatTheyAre() {
    String onCsv = refused(ExitCode.BAD_DATA, csv, "--format", "parquet");
    assertTrue(onCsv.contains("not a Parquet file") && onCsv.contains("looks like CSV")
        && onCsv.contains("--format csv"), onCsv);
    String onLibsvm = refused(ExitCode.BAD_DATA, libsvm, "--format", "parquet");
    assertTrue(onLibsvm.contains("not a Parquet file") && onLibsvm.contains("looks like LIBSVM")
        && onLibsvm.contains("--format libsvm"), onLibsvm);
  }

  @Test
  void parquetReadAsTextIsNamedAndItsBytesAreNotPrinted() {
    for (String format : List.of("csv", "libsvm")) {
      String err = refused(ExitCode.BAD_DATA, parquet, "--format", format);
      assertTrue(err.contains("is Parquet") && err.contains("--format parquet"), err);
      assertFalse(err.contains("PAR1\\u"), "no bytes after the magic: " + err);
    }
  }

  @Test
  void binaryAndUnannouncedCompressedFilesAreRefusedWithoutTheirBytes() throws IOException {
    byte[] noise = new byte[4096];
    new Random(3).nextBytes(noise);
    noise[0] = '1';
    noise[1] = ',';
    noise[2] = 0; // a NUL early on
    Path binary = dir.resolve("noise.csv");
    Files.write(binary, noise);
    String err = refused(ExitCode.BAD_DATA, binary);
    assertTrue(err.contains("binary data, not text") && err.contains("byte 0x00 at offset 2"), err);

    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write("1,2,3\n4,5,6\n".getBytes(StandardCharsets.UTF_8));
    }
    Path gzip = dir.resolve("rows.csv"); // gzip bytes under a name that does not say .gz
    Files.write(gzip, zipped.toByteArray());
    String gzErr = refused(ExitCode.BAD_DATA, gzip);
    assertTrue(gzErr.contains("gzip-compressed") && gzErr.contains(".gz"), gzErr);
  }

  @Test
  void aCsvHeaderWithoutHeaderOptionSaysUseHeader() throws IOException {
    Path file = dir.resolve("with-header.csv");
    Files.writeString(file, "b,a1,a2\n0.5,1,2\n0.25,3,4\n0.75,5,6\n");
    String err = refused(ExitCode.BAD_DATA, file);
    assertTrue(err.contains(":1: ('b,a1,a2')") && err.contains("looks like a header") && err.contains("--header"), err);
    CliRun withHeader = CliRun.of("solve", "--input", file.toString(), "--header", "--max-iter", "0", "--out",
        dir.resolve("header-read").toString());
    assertEquals(ExitCode.NOT_CONVERGED, withHeader.exitCode(), "read, and stopped before any step: " + withHeader);
  }

  @Test
  void libsvmReadAsCsvAndCsvReadAsLibsvmNameTheFormatTheyLookLike() {
    String asCsv = refused(ExitCode.BAD_DATA, libsvm, "--format", "csv");
    assertTrue(asCsv.contains("part-00000.libsvm:1:") && asCsv.contains("looks like LIBSVM")
        && asCsv.contains("--format libsvm"), asCsv);
    String asLibsvm = refused(ExitCode.BAD_DATA, csv, "--format", "libsvm");
    assertTrue(asLibsvm.contains("part-00000.csv:1:") && asLibsvm.contains("looks like CSV")
        && asLibsvm.contains("--format csv"), asLibsvm);
  }

  @Test
  void aDirectoryOfMixedFormatsIsRefusedUpFront() throws IOException {
    Path mixed = dir.resolve("mixed");
    Files.createDirectories(mixed);
    try (Stream<Path> parts = Files.list(csv)) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        Files.copy(p, mixed.resolve(p.getFileName()));
      }
    }
    Files.copy(libsvm.resolve("part-00000.libsvm"), mixed.resolve("extra.libsvm"));
    Files.writeString(mixed.resolve("notes.txt"), "not data\n");
    String err = refused(ExitCode.BAD_DATA, mixed);
    assertTrue(err.contains("mixes formats (2 .csv, 1 .libsvm, 1 .txt)") && err.contains("--format"), err);
  }

  @Test
  void aNameWithoutFormatIsRefusedWithWhatTheContentLooksLike() throws IOException {
    Path file = dir.resolve("rows.data");
    Files.writeString(file, "1 1:0.5 3:2\n0 2:1\n");
    String err = refused(ExitCode.USAGE, file);
    assertTrue(err.contains("cannot infer the input format") && err.contains("--format libsvm"), err);
  }

  @Test
  void aParseErrorPrintsTheMessageAndAPointerToHelp() {
    CliRun missing = CliRun.of("solve", "--input", csv.toString());
    assertEquals(ExitCode.USAGE, missing.exitCode(), missing.toString());
    assertShort(missing.err());
    assertTrue(missing.err().contains("Missing required option: '--out=DIR'")
        && missing.err().contains("See 'attnreg solve --help'"), missing.err());
    CliRun badNumber = CliRun.of("solve", "--input", csv.toString(), "--out", "x", "--tol", "1e-x");
    assertEquals(ExitCode.USAGE, badNumber.exitCode(), badNumber.toString());
    assertShort(badNumber.err());
    assertTrue(badNumber.err().contains("'1e-x' is not a double") && badNumber.err().contains("--help"),
        badNumber.err());
    for (String[] args : List.of(new String[] {"generate", "--n", "ten"}, new String[] {"batch"},
        new String[] {"cluster", "start", "--workers", "many"}, new String[] {"solvee"})) {
      CliRun run = CliRun.of(args);
      assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
      assertShort(run.err());
      assertTrue(run.err().contains("--help"), run.err());
    }
    assertTrue(CliRun.of("solvee").err().contains("Did you mean solve?"));
    CliRun checked = CliRun.of("solve", "--input", csv.toString(), "--out", "x", "--tol", "-1"); // refused by the command
    assertEquals(ExitCode.USAGE, checked.exitCode(), checked.toString());
    assertShort(checked.err());
    assertTrue(checked.err().contains("--tol") && checked.err().contains("See 'attnreg solve --help'"), checked.err());
  }

  @Test
  void solveHelpListsTheFamilies() {
    CliRun help = CliRun.of("solve", "--help");
    assertEquals(ExitCode.OK, help.exitCode(), help.toString());
    String flat = help.out().replaceAll("\\s+", " ");
    for (String family : LossFamilies.ids()) {
      assertTrue(flat.contains(" " + family + ",") || flat.contains(" " + family + " ("), family + " in:\n" + help);
    }
  }

  @Test
  void everyCommandPrintsTheProjectVersion() {
    String version = VersionProvider.project().getProperty("version");
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), "the build filled in the version: " + version);
    for (String[] args : List.of(new String[] {"-V"}, new String[] {"solve", "-V"}, new String[] {"solve", "--version"},
        new String[] {"batch", "-V"}, new String[] {"generate", "-V"}, new String[] {"cluster", "start", "-V"},
        new String[] {"icl", "-V"}, new String[] {"sensitivity", "-V"}, new String[] {"bench", "-V"})) {
      CliRun run = CliRun.of(args);
      assertEquals(ExitCode.OK, run.exitCode(), run.toString());
      assertTrue(run.out().startsWith("attnreg " + version + "\n") && run.out().contains("Spark "), run.toString());
    }
  }
}
