package org.attnreg.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.attnreg.ml.MlFixtures.Instance;
import org.attnreg.problem.HyperbolicFunction;
import org.attnreg.problem.LossFamilies;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What transform adds, family by family, against the formulas written out by hand. */
@ExtendWith(SharedSpark.class)
class AttnRegressionModelTest {
  private static final int N = 300;
  private static final int D = 4;
  private static final double TOL = 1e-12;

  static List<String> families() {
    return LossFamilies.ids();
  }

  /** The prediction the docs promise: f(z) row by row, or normalised over all rows. */
  private static double[] expected(String family, double[] z) {
    double[] u = new double[z.length];
    double sum = 0.0;
    for (int i = 0; i < z.length; i++) {
      u[i] = switch (family) {
        case "softmax" -> Math.exp(z[i]);
        case "softmax-relu" -> Math.exp(Math.max(z[i], 0.0));
        default -> HyperbolicFunction.valueOf(family.replace("rescaled-", "").toUpperCase()).value(z[i]);
      };
      sum += u[i];
    }
    boolean normalised = family.startsWith("softmax") || family.startsWith("rescaled-");
    for (int i = 0; i < z.length; i++) {
      u[i] = normalised ? u[i] / sum : u[i];
    }
    return u;
  }

  @ParameterizedTest
  @MethodSource("families")
  void predictionIsTheFamilysFittedTarget(String family, SparkSession spark) {
    Instance p = Instance.planted("exp", N, D, 21);
    double[] x = {0.7, -1.2, 0.4, 2.0};
    AttnRegressionModel model = new AttnRegressionModel("m", x, null);
    model.set(model.family(), family);
    List<Row> rows = model.transform(MlFixtures.vectors(spark, p, 3)).collectAsList();
    double[] z = new double[N];
    for (int i = 0; i < N; i++) {
      z[i] = RandomProblems.dot(p.a()[i], x);
      assertEquals(z[i], rows.get(i).getDouble(rows.get(i).fieldIndex("margin")), TOL * (1 + Math.abs(z[i])));
    }
    double[] want = expected(family, z);
    for (int i = 0; i < N; i++) {
      double got = rows.get(i).getDouble(rows.get(i).fieldIndex("prediction"));
      assertEquals(want[i], got, TOL * Math.abs(want[i]) + 1e-300, family + " row " + i);
    }
  }

  @Test
  void normalisedPredictionsSurviveHugeMarginsAndSkipNullFeatures(SparkSession spark) {
    Instance p = Instance.planted("exp", N, D, 22);
    AttnRegressionModel model = new AttnRegressionModel("m", new double[] {900, -900, 450, 0}, null);
    Dataset<Row> frame = MlFixtures.vectors(spark, p, 2).withColumn("features",
        functions.when(col("b").lt(functions.lit(0.5)), col("features")));
    Dataset<Row> out = model.transform(frame);
    Row sums = out.agg(functions.sum("prediction"), functions.count("prediction"), functions.count("*")).first();
    assertEquals(1.0, sums.getDouble(0), 1e-12, "softmax predictions sum to 1 over the rows");
    assertTrue(sums.getLong(1) < sums.getLong(2), "rows with null features were present");
    assertNull(out.where(col("features").isNull()).first().get(out.schema().fieldIndex("prediction")));
  }

  @Test
  void schemaErrorsNameTheParam(SparkSession spark) {
    AttnRegressionModel model = new AttnRegressionModel("m", new double[D], null).setFeaturesCol("nope");
    Dataset<Row> frame = MlFixtures.vectors(spark, Instance.planted("exp", 10, D, 1), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.transform(frame));
    assertTrue(e.getMessage().contains("featuresCol") && e.getMessage().contains("nope"), e.getMessage());
    model.setFeaturesCol("features").setMarginCol("b");
    e = assertThrows(IllegalArgumentException.class, () -> model.transform(frame));
    assertTrue(e.getMessage().contains("marginCol") && e.getMessage().contains("already exists"), e.getMessage());
  }
}
