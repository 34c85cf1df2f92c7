package org.attnreg.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.attnreg.Main;
import org.attnreg.command.ExitCode;
import org.attnreg.io.StartingPoint;
import org.attnreg.ml.MlFixtures.Instance;
import org.attnreg.output.TempDirs;
import org.attnreg.solver.Status;
import org.attnreg.testkit.Distances;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The estimator runs the command line's engine: same x, same files; it works in a Pipeline and round-trips through save/load. */
@ExtendWith(SharedSpark.class)
class AttnRegressionTest {
  private static final int N = 2000;
  private static final int D = 5;

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  @Test
  void fitGivesTheSameCoefficientsAsTheCommandLineAndBothWriteReports(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Instance p = Instance.noisy("softmax", N, D, 3, 0.3);
    Dataset<Row> df = MlFixtures.vectors(spark, p, 2);
    df.write().parquet(dir.resolve("data").toString());
    int exit = Main.run("solve", "--family", "softmax", "--input", dir.resolve("data").toString(),
        "--out", dir.resolve("cli").toString(), "--partitions", "2", "--label-col", "b");
    assertEquals(ExitCode.OK, exit);
    double[] cliX = StartingPoint.read(dir.resolve("cli/x.csv").toString(), D, new Configuration());

    AttnRegressionModel model = new AttnRegression().setFamily("softmax").setLabelCol("b").setPartitions(2)
        .setOutputDir(dir.resolve("est").toString()).fit(df);
    double[] x = model.coefficients().toArray();
    assertTrue(Distances.relativeError(x, cliX) <= Tolerances.REORDERED_SUM,
        "estimator and CLI differ by " + Distances.relativeError(x, cliX));
    AttnRegressionSummary s = model.summary();
    assertEquals(Status.CONVERGED, s.status());
    assertTrue(s.iterations() >= 2, "a real Newton run: " + s.iterations() + " iterations");
    assertEquals(s.iterations() + 1, s.trace().size());
    assertEquals(N, s.n());
    for (String out : List.of("cli", "est")) {
      assertReports(dir.resolve(out), s.iterations());
    }
  }

  /** convergence.png decodes, report.html is well-formed XHTML whose trace table has iterations + 1 rows. */
  static void assertReports(Path out, int iterations) throws Exception {
    assertNotNull(ImageIO.read(out.resolve("convergence.png").toFile()), out + "/convergence.png must decode");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(out.resolve("report.html").toFile());
    NodeList tables = doc.getElementsByTagName("table");
    int rows = -1;
    for (int t = 0; t < tables.getLength(); t++) {
      Element table = (Element) tables.item(t);
      if ("trace".equals(table.getAttribute("id"))) {
        rows = table.getElementsByTagName("td").getLength() / 11;
      }
    }
    assertEquals(iterations + 1, rows, "trace rows in " + out);
    assertTrue(Files.readString(out.resolve("report.html")).contains("converged"));
    assertTrue(Files.exists(out.resolve("summary.json")) && Files.exists(out.resolve("x.csv")));
  }

  @Test
  void worksInAPipelineWithVectorAssemblerAndRoundTripsThroughSaveAndLoad(SparkSession spark, @TempDir Path dir)
      throws IOException {
    Instance p = Instance.noisy("exp", 600, D, 8, 0.1);
    Dataset<Row> df = MlFixtures.columns(spark, p, 3);
    VectorAssembler assembler = new VectorAssembler().setInputCols(MlFixtures.featureNames(D))
        .setOutputCol("features");
    AttnRegression estimator = new AttnRegression().setFamily("exp").setLabelCol("b").setRidge(1e-9);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler, estimator}).fit(df);
    AttnRegressionModel model = (AttnRegressionModel) fitted.stages()[1];
    AttnRegressionModel direct = estimator.fit(assembler.transform(df));
    assertArrayEquals(direct.coefficients().toArray(), model.coefficients().toArray(), 1e-12);

    String path = dir.resolve("pipeline").toString();
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(sorted(fitted.transform(df)), sorted(loaded.transform(df)));

    model.write().save(dir.resolve("model").toString());
    AttnRegressionModel back = AttnRegressionModel.load(dir.resolve("model").toString());
    assertArrayEquals(model.coefficients().toArray(), back.coefficients().toArray(), 0.0);
    assertEquals(model.uid(), back.uid());
    assertEquals(model.getFamily(), back.getFamily());
    assertEquals(model.summary(), back.summary());
    assertEquals(model.extractParamMap().toString(), back.extractParamMap().toString());

    estimator.write().overwrite().save(dir.resolve("estimator").toString());
    AttnRegression again = AttnRegression.load(dir.resolve("estimator").toString());
    assertEquals(estimator.solveOptions(), again.solveOptions());
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
