package org.attnreg.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.attnreg.job.SolveOptions;
import org.attnreg.ml.MlFixtures.Instance;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Params: defaults equal the command line's, and every invalid one fails at fit before any Spark job. */
@ExtendWith(SharedSpark.class)
class AttnRegressionParamsTest {

  /** Counts jobs started; the listener bus is drained before reading. */
  private static final class JobCounter extends SparkListener {
    final AtomicInteger jobs = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }
  }

  private record Invalid(String mentions, UnaryOperator<AttnRegression> set) {}

  @Test
  void invalidParamsFailAtFitWithAClearMessageBeforeAnySparkJob(SparkSession spark) throws Exception {
    Dataset<Row> df = MlFixtures.vectors(spark, Instance.planted("softmax", 50, 3, 2), 2);
    List<Invalid> cases = List.of(
        new Invalid("param family (--family): unknown family 'softmaxx'", e -> e.setFamily("softmaxx")),
        new Invalid("param ridge (--ridge): must be finite and ≥ 0, got -1.0", e -> e.setRidge(-1)),
        new Invalid("param regW (--reg-w)", e -> e.setRegW(Double.NaN)),
        new Invalid("param tol (--tol): must be finite and > 0, got 0.0", e -> e.setTol(0)),
        new Invalid("param maxIter (--max-iter)", e -> e.setMaxIter(-3)),
        new Invalid("param hessian (--hessian)", e -> e.setHessian("approximate")),
        new Invalid("param epsilon", e -> e.setEpsilon(-0.5)),
        new Invalid("param weightCol: no column 'w'", e -> e.setWeightCol("w")),
        new Invalid("weightCol must differ from labelCol and featuresCol: 'features'",
            e -> e.setWeightCol("features")),
        new Invalid("param regW (--reg-w): the rows carry their own regulariser weights", e -> e.setWeightCol("b")
            .setRegW(0.5)),
        new Invalid("param partitions", e -> e.setPartitions(-1)),
        new Invalid("param labelCol: no column 'label'", e -> e.setLabelCol("label")),
        new Invalid("param featuresCol: no column 'feats'", e -> e.setFeaturesCol("feats")),
        new Invalid("labelCol and featuresCol must differ", e -> e.setFeaturesCol("b")));
    JobCounter counter = new JobCounter();
    spark.sparkContext().addSparkListener(counter);
    try {
      for (Invalid c : cases) {
        AttnRegression estimator = c.set().apply(new AttnRegression().setLabelCol("b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator.fit(df));
        assertTrue(e.getMessage().contains(c.mentions()), "expected '" + c.mentions() + "' in: " + e.getMessage());
      }
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(0, counter.jobs.get(), "no Spark job may run for invalid params");
      new AttnRegression().setLabelCol("b").setMaxIter(1).fit(df); // the counter does see a real fit's jobs
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertTrue(counter.jobs.get() > 0);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  @Test
  void defaultsAreTheCommandLinesAndParamsAreListedAndCopied() {
    AttnRegression estimator = new AttnRegression();
    assertEquals(SolveOptions.defaults("softmax"), estimator.solveOptions());
    assertEquals(17, estimator.params().length, estimator.explainParams());
    AttnRegression copy = estimator.setFamily("rescaled-cosh").setRidge(0.5).copy(
        new org.apache.spark.ml.param.ParamMap().put(estimator.tol(), 1e-6));
    assertEquals(new SolveOptions("rescaled-cosh", 0, 0.5, 1e-6, SolveOptions.defaults("softmax").maxIterations(),
        0, "auto", "gauss-newton", 0, 0.5), copy.solveOptions());
    assertEquals(estimator.uid(), copy.uid());
  }
}
