package org.attnreg.analysis.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.attnreg.Main;
import org.attnreg.output.TempDirs;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnreg sensitivity} end to end on small generated CSV instances, in the shared Spark session. */
@ExtendWith(SharedSpark.class)
class SensitivityCommandTest {

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  private static File generate(File dir, String family) {
    File data = new File(dir, "data");
    assertEquals(0, Main.run("generate", "--family", family, "--n", "300", "--d", "4", "--partitions", "2",
        "--seed", "3", "--out", data.getAbsolutePath()));
    return data;
  }

  @Test
  void randomPerturbationWritesParsableOutputs(SparkSession spark, @TempDir File dir) throws IOException {
    File data = generate(dir, "softmax");
    File out = new File(dir, "out");
    assertEquals(0, Main.run("sensitivity", "--family", "softmax", "--input", data.getAbsolutePath(), "--partitions",
        "3", "--norms", "1e-4,1e-3,1e-2", "--seed", "5", "--out", out.getAbsolutePath()));

    List<String> csv = Files.readAllLines(new File(out, SensitivityOutputs.CSV).toPath());
    assertEquals(String.join(",", SensitivityOutputs.COLUMNS), csv.get(0));
    assertEquals(4, csv.size());
    JsonNode json = new ObjectMapper().readTree(new File(out, SensitivityOutputs.JSON));
    assertEquals("converged", json.get("solution").get("status").asText());
    assertEquals("random", json.get("perturbation").get("kind").asText());
    assertTrue(json.get("all_bounds_hold").asBoolean());
    JsonNode first = json.get("rows").get(0);
    assertEquals(1e-4, first.get("norm").asDouble(), 1e-18);
    assertTrue(first.get("disagreement").asDouble() < 1e-3, first.toString());
    assertTrue(first.get("residual_ratio").asDouble() <= first.get("bound").asDouble(), first.toString());
    assertNotNull(ImageIO.read(new File(out, SensitivityOutputs.PNG)), "the chart must decode");
  }

  /**
   * With E read from a file holding A itself (numbers written differently, so row ids differ and rows
   * must be matched by order), A + tE/‖A‖_F = (1 + s)A and the unregularised softmax solution is
   * exactly x* / (1 + s): the measured shift is ‖x*‖ s/(1 + s) and the first-order one ‖x*‖ s.
   */
  /** --out inside the --perturbation folder (or equal to --input) is refused before Spark starts; nothing is touched. */
  @Test
  void anOutputThatOverlapsTheInputOrThePerturbationIsRefused(SparkSession spark, @TempDir File dir) throws IOException {
    File data = generate(dir, "softmax");
    File e = new File(dir, "e");
    copyReformatted(data.toPath(), e.toPath());
    java.util.List<String> before = listing(e);
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true),
        "sensitivity", "--family", "softmax", "--input", data.getAbsolutePath(), "--perturbation", e.getAbsolutePath(),
        "--out", new File(e, "results").getAbsolutePath());
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains("--perturbation"), err.toString());
    assertEquals(before, listing(e), "the perturbation folder is untouched");
    assertEquals(2, Main.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
        new java.io.PrintWriter(new java.io.StringWriter(), true), "sensitivity", "--family", "softmax", "--input",
        data.getAbsolutePath(), "--out", data.getAbsolutePath()));
  }

  private static java.util.List<String> listing(File dir) {
    String[] names = dir.list();
    java.util.Arrays.sort(names);
    return java.util.List.of(names);
  }

  @Test
  void perturbationFromAFileIsMatchedByOrder(SparkSession spark, @TempDir File dir) throws IOException {
    File data = generate(dir, "softmax");
    File e = new File(dir, "e");
    copyReformatted(data.toPath(), e.toPath());
    File out = new File(dir, "out");
    assertEquals(0, Main.run("sensitivity", "--family", "softmax", "--input", data.getAbsolutePath(), "--perturbation",
        e.getAbsolutePath(), "--norms", "1e-3,1e-1", "--out", out.getAbsolutePath()));

    JsonNode json = new ObjectMapper().readTree(new File(out, SensitivityOutputs.JSON));
    double xNorm = json.get("solution").get("x_norm").asDouble();
    double aNorm = json.get("first_order").get("a_frobenius_norm").asDouble();
    for (JsonNode row : json.get("rows")) {
      double s = row.get("norm").asDouble() / aNorm;
      assertEquals(xNorm * s, row.get("predicted_shift").asDouble(), 1e-6 * xNorm * s, row.toString());
      assertEquals(xNorm * s / (1 + s), row.get("measured_shift").asDouble(), 1e-6 * xNorm * s, row.toString());
    }
  }

  /** Each data file again under the same name, label 0 and every number of A with trailing zeros. */
  private static void copyReformatted(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    List<Path> files;
    try (Stream<Path> s = Files.list(from)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && !p.getFileName().toString().startsWith("_"))
          .toList();
    }
    assertTrue(!files.isEmpty(), "generated files in " + from);
    for (Path f : files) {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(f)) {
        String[] cells = line.split(",");
        StringBuilder sb = new StringBuilder("0");
        for (int j = 1; j < cells.length; j++) {
          sb.append(',').append(Double.parseDouble(cells[j])).append(j % 2 == 0 ? "000" : "");
        }
        lines.add(sb.toString());
      }
      Files.write(to.resolve(f.getFileName()), lines);
    }
  }
}
