package org.attnreg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnreg glr-fit} on a tiny generated exp instance prints one sane JSON object. Nothing is timed. */
@ExtendWith(SharedSpark.class)
class GlrFitCommandTest {

  @Test
  void fitsAPlantedExpInstanceAndPrintsJson(SparkSession spark, @TempDir Path dir) throws Exception {
    Path data = dir.resolve("exp");
    CliRun generated = CliRun.of("generate", "--family", "exp", "--n", "600", "--d", "4", "--x-scale", "0.5",
        "--out", data.toString());
    assertEquals(0, generated.code(), generated.toString());
    CliRun run = CliRun.of("glr-fit", "--input", data.toString());
    assertEquals(0, run.code(), run.toString());
    JsonNode json = new ObjectMapper().readTree(run.out().strip());
    assertEquals(600, json.get("n").asLong());
    assertEquals(4, json.get("d").asInt());
    double fit = json.get("fit_seconds").asDouble();
    assertTrue(fit > 0 && Double.isFinite(fit), "fit_seconds " + fit);
    assertTrue(json.get("load_seconds").asDouble() > 0, run.out());
    assertTrue(json.get("iterations").asInt() >= 1, run.out());
    double[] xStar = CliRun.vector(data.resolve("_x_star.csv"));
    double[] x = new double[4];
    for (int j = 0; j < 4; j++) {
      x[j] = json.get("x").get(j).asDouble();
    }
    // Exact planted targets: GLR recovers x* and its loss ½‖exp(Ax) − b‖² is ~0.
    assertTrue(CliRun.relativeDistance(x, xStar) < 1e-6, run.out());
    assertTrue(json.get("loss").asDouble() < 1e-10, run.out());
  }

  @Test
  void refusesAMissingInput(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-file.csv");
    CliRun run = CliRun.of("glr-fit", "--input", missing.toString());
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().contains("--input: " + missing + " does not exist"), run.err());
  }
}
