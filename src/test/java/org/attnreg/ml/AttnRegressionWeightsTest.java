package org.attnreg.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnreg.Main;
import org.attnreg.command.ExitCode;
import org.attnreg.io.StartingPoint;
import org.attnreg.ml.MlFixtures.Instance;
import org.attnreg.output.TempDirs;
import org.attnreg.solver.Status;
import org.attnreg.testkit.Distances;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weightCol} (and the command line's {@code --weight-col} / {@code --weight-column}) give the
 * regulariser each row's own weight, W = diag(w_i): the estimator and both command-line inputs reach
 * the same x, where an independently written gradient of ½‖softmax(Ax) − b‖² + ½‖WAx‖² vanishes.
 */
@ExtendWith(SharedSpark.class)
class AttnRegressionWeightsTest {
  private static final int N = 2000;
  private static final int D = 5;

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  /**
   * Weights w_i in [0, 2e-4): with softmax values near 1/n, ½Σw_i²z_i² is then of the order of the
   * data loss, so the weights move the solution without swamping the fit (maths.md §9.2).
   */
  private static double[] weights(int n) {
    double[] u = RandomProblems.gaussianVector(n, 1.0, 77);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = i % 5 == 0 ? 0.0 : 2e-4 * Math.abs(Math.tanh(u[i]));
    }
    return w;
  }

  private static Dataset<Row> weighted(SparkSession spark, Instance p, double[] w, int slices) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      rows.add(RowFactory.create(p.b()[i], Vectors.dense(p.a()[i]), w[i]));
    }
    StructType schema = new StructType().add("b", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false).add("w", DataTypes.DoubleType, false);
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
        schema);
  }

  /** ∇ of ½‖s − b‖² + ½Σ w_i² z_i², s = softmax(Ax): Aᵀ(s∘r − s⟨s, r⟩) + Aᵀ(w²∘z), r = s − b. */
  private static double[] directGradient(Instance p, double[] w, double[] x) {
    double[] z = new double[N];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < N; i++) {
      z[i] = org.attnreg.linalg.Vectors.dot(p.a()[i], x);
      max = Math.max(max, z[i]);
    }
    double sum = 0.0;
    double[] s = new double[N];
    for (int i = 0; i < N; i++) {
      s[i] = Math.exp(z[i] - max);
      sum += s[i];
    }
    double sr = 0.0;
    for (int i = 0; i < N; i++) {
      s[i] /= sum;
      sr += s[i] * (s[i] - p.b()[i]);
    }
    double[] g = new double[D];
    for (int i = 0; i < N; i++) {
      double coefficient = s[i] * (s[i] - p.b()[i]) - s[i] * sr + w[i] * w[i] * z[i];
      for (int j = 0; j < D; j++) {
        g[j] += coefficient * p.a()[i][j];
      }
    }
    return g;
  }

  @Test
  void weightColSolvesTheRowWeightedProblemAsTheCommandLineDoes(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Instance p = Instance.noisy("softmax", N, D, 8, 0.3);
    double[] w = weights(N);
    Dataset<Row> df = weighted(spark, p, w, 2);

    AttnRegressionModel model = new AttnRegression().setLabelCol("b").setWeightCol("w").setPartitions(2).fit(df);
    assertEquals(Status.CONVERGED, model.summary().status());
    double[] x = model.coefficients().toArray();
    double[] unweighted = new AttnRegression().setLabelCol("b").setPartitions(2).fit(df).coefficients().toArray();

    // The weights matter, and x is the stationary point of the row-weighted loss written out here.
    assertTrue(Distances.relativeError(x, unweighted) > 1e-3,
        "the weights barely moved x: " + Distances.relativeError(x, unweighted));
    double atUnweighted = org.attnreg.linalg.Vectors.norm(directGradient(p, w, unweighted));
    double atX = org.attnreg.linalg.Vectors.norm(directGradient(p, w, x));
    assertTrue(atX <= 1e-8 * atUnweighted, "‖∇L(x)‖ = " + atX + " vs " + atUnweighted + " at the unweighted fit");

    // The command line on the same rows: Parquet with a named weight column, CSV with a numbered one.
    df.write().parquet(dir.resolve("parquet").toString());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      StringBuilder line = new StringBuilder().append(p.b()[i]).append(',').append(w[i]);
      for (double v : p.a()[i]) {
        line.append(',').append(v);
      }
      lines.add(line.toString());
    }
    Files.createDirectories(dir.resolve("csv"));
    Files.write(dir.resolve("csv/part-00000.csv"), lines);
    assertEquals(ExitCode.OK, Main.run("solve", "--input", dir.resolve("parquet").toString(), "--label-col", "b",
        "--weight-col", "w", "--partitions", "2", "--out", dir.resolve("out-parquet").toString()));
    assertEquals(ExitCode.OK, Main.run("solve", "--input", dir.resolve("csv").toString(), "--weight-column", "1",
        "--partitions", "2", "--out", dir.resolve("out-csv").toString()));
    for (String out : List.of("out-parquet", "out-csv")) {
      double[] cliX = StartingPoint.read(dir.resolve(out + "/x.csv").toString(), D, new Configuration());
      assertTrue(Distances.relativeError(cliX, x) <= Tolerances.REORDERED_SUM,
          out + " and the estimator differ by " + Distances.relativeError(cliX, x));
      assertTrue(Files.readString(dir.resolve(out + "/summary.json")).contains("\"row_weights\" : true"),
          out + "/summary.json records the row weights");
    }
  }
}
