package org.attnreg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.attnreg.Main;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bench harness end to end at smoke sizes: it runs every section and writes its files. Nothing is timed. */
@ExtendWith(SharedSpark.class)
class BenchCommandTest {

  @Test
  void quickRunWritesTheReportCsvAndCharts(SparkSession spark, @TempDir Path dir) throws Exception {
    Path out = dir.resolve("bench");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    // Every in-process section; e2e spawns cold commands for minutes (its parts have their own tests).
    List<String> sections = Bench.SECTIONS.stream().filter(s -> !s.equals(E2eBench.SECTION)).toList();
    int code = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "bench", "--quick", "--out",
        out.toString(), "--sections", String.join(",", sections));
    assertEquals(0, code, stdout + "\n" + stderr);
    String md = Files.readString(out.resolve("bench.md"));
    for (String section : sections) {
      assertTrue(md.contains("\n## " + section + "\n"), "bench.md lacks section " + section);
    }
    assertTrue(md.contains("## Targets") && md.contains("Gram="), md);
    String csv = Files.readString(out.resolve("bench.csv"));
    assertTrue(csv.startsWith("section,subject,setting,metric,value\n"), csv);
    for (String section : sections) {
      assertTrue(csv.contains("\"" + section + "\""), "bench.csv lacks section " + section);
    }
    try (var files = Files.list(out)) {
      assertTrue(files.filter(p -> p.toString().endsWith(".png")).count() >= 4, "expected the charts");
    }
  }

  @Test
  void softmaxOnePassGradientMatchesTheNewtonPasses(SparkSession spark) {
    var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    var instance = new org.attnreg.job.PlantedInstance("softmax", 3000, 6, 3, 1e-5, 1.0, 1.0, 0);
    Instances.Cached data = Instances.blocks(sc, instance, 3, org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
    try {
      var problem = new org.attnreg.stats.Problem(instance.lossFamily(), org.attnreg.problem.Regularizer.NONE, 6);
      var ev = new org.attnreg.spark.DistributedEvaluator(sc, data.blocks(), problem, 1, "test: ");
      double[] x = PassTimer.perturbed(data.xStar(), 0.3, 5);
      var point = ev.values(org.attnreg.stats.LineBatch.at(x), 0)[0];
      var der = ev.derivatives(x, point.globals(), 0, new org.attnreg.stats.NoCurvature());
      double[] one = new GradientPass(sc, data.blocks(), problem).at(x);
      assertEquals(der.loss(), one[0], 1e-9 * Math.abs(der.loss()));
      double scale = Math.exp(der.logScale());
      for (int j = 0; j < 6; j++) {
        double expected = scale * der.gradient()[j];
        assertEquals(expected, one[j + 1], 1e-9 * der.gradientNorm(), "gradient[" + j + "]");
      }
    } finally {
      data.release();
    }
  }
}
