package org.attnreg.analysis.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.attnreg.Main;
import org.attnreg.io.LoadedData;
import org.attnreg.output.TempDirs;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnreg icl --input}: a real instance read through the data loader and collected to the driver. */
@ExtendWith(SharedSpark.class)
class IclInputTest {

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  @Test
  void analysesAGeneratedCsvInstance(SparkSession spark, @TempDir File dir) throws IOException {
    File data = new File(dir, "data");
    assertEquals(0, Main.run("generate", "--family", "softmax", "--n", "40", "--d", "3", "--partitions", "2",
        "--seed", "4", "--out", data.getAbsolutePath()));
    File out = new File(dir, "out");
    assertEquals(0, Main.run("icl", "--input", data.getAbsolutePath(), "--format", "csv", "--no-experiment",
        "--out", out.getAbsolutePath()));

    JsonNode json = new ObjectMapper().readTree(new File(out, "icl.json"));
    assertEquals(data.getAbsolutePath(), json.get("config").get("input").asText());
    JsonNode shift = json.get("shifts").get("dataShift");
    assertTrue(shift.get("ratio").asDouble() <= shift.get("normBound").asDouble(), shift.toString());
  }

  @Test
  void readsTheInputWithSolvesLayoutOptions(SparkSession spark, @TempDir File dir) throws IOException {
    // A header line and b in the last column: read as solve would read it.
    java.util.List<String> lines = new java.util.ArrayList<>(List.of("a1,a2,b"));
    double[][] a = org.attnreg.testkit.RandomProblems.gaussianRows(30, 2, 1.0, 9);
    for (int i = 0; i < a.length; i++) {
      lines.add(a[i][0] + "," + a[i][1] + "," + (1.0 / 30 + 1e-3 * ((i % 3) - 1)));
    }
    File data = new File(dir, "framed.csv");
    java.nio.file.Files.write(data.toPath(), lines);
    File out = new File(dir, "out");
    assertEquals(0, Main.run("icl", "--input", data.getAbsolutePath(), "--header", "--label-column", "2",
        "--no-experiment", "--out", out.getAbsolutePath()));
    JsonNode config = new ObjectMapper().readTree(new File(out, "icl.json")).get("config");
    assertEquals("auto", config.get("format").asText());
    assertEquals(2, Main.run("icl", "--input", data.getAbsolutePath(), "--header", "--label-column", "2",
        "--weight-column", "0", "--no-experiment", "--out", new File(dir, "refused").getAbsolutePath()));
    assertTrue(!new File(dir, "refused").exists(), "nothing is written for a refused option");
  }

  @Test
  void refusesAnInstanceAboveTheLimitBeforeCollecting() {
    // No blocks at all: the refusal must come from n alone.
    LoadedData huge = new LoadedData(null, SelfAttention.MAX_ROWS + 1L, 3, 0, 1, List.of(), "none", false, LoadedData.BY_SPARK);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoadedInstances.collect(huge, "big.csv"));
    assertTrue(e.getMessage().contains("n ≤ " + SelfAttention.MAX_ROWS), e.getMessage());
  }
}
