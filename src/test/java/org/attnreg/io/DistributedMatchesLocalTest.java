package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.FusedAggregate;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.Tolerances;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passes over loaded blocks give the same result distributed (one treeAggregate) as locally over the
 * same blocks collected partition by partition, whatever the partitioning, empty partitions included.
 */
@ExtendWith(SharedSpark.class)
class DistributedMatchesLocalTest {
  private static final int D = 6;
  @TempDir
  Path dir;

  private static String csv(double[][] a, double[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      s.append(CsvFormat.line(LabeledRow.dense(i, b[i], a[i]), D)).append('\n');
    }
    return s.toString();
  }

  @Test
  void valueAndDerivativePassesAgreeForOneThreeAndEightPartitions(SparkSession spark) throws java.io.IOException {
    double[][] a = RandomProblems.gaussianRows(50, D, 2.0, 3);
    double[] b = RandomProblems.gaussianVector(50, 1.0, 4);
    java.nio.file.Files.writeString(dir.resolve("big.csv"), csv(a, b));
    java.nio.file.Files.writeString(dir.resolve("tiny.csv"), csv(new double[][] {a[0], a[1], a[2]}, new double[] {1, 2, 3}));
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (String name : List.of("big.csv", "tiny.csv")) {
      for (int p : new int[] {1, 3, 8}) {
        LoadedData data = DataLoader.load(spark, dir.resolve(name).toString(),
            TestReadOptions.defaults().withPartitions(p).withBlockRows(4).build());
        try {
          compare(sc, data, name + " in " + p + " partitions");
        } finally {
          data.unpersist();
        }
      }
    }
  }

  @Test
  void rowWeightedRegulariserAgreesToo(SparkSession spark) throws java.io.IOException {
    double[][] a = RandomProblems.gaussianRows(50, D, 2.0, 5);
    double[] b = RandomProblems.gaussianVector(50, 1.0, 6);
    double[] w = RandomProblems.gaussianVector(50, 0.3, 7);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      s.append(Math.abs(w[i])).append(',').append(CsvFormat.line(LabeledRow.dense(i, b[i], a[i]), D)).append('\n');
    }
    java.nio.file.Files.writeString(dir.resolve("weighted.csv"), s.toString());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (int p : new int[] {1, 3}) {
      LoadedData data = DataLoader.load(spark, dir.resolve("weighted.csv").toString(),
          TestReadOptions.defaults().withLabelColumn(1).withWeightColumn(0).withPartitions(p).withBlockRows(4).build());
      try {
        assertTrue(data.rowWeighted());
        compare(sc, data, new Regularizer(1.0, 0.01), "weighted rows in " + p + " partitions");
      } finally {
        data.unpersist();
      }
    }
  }

  private static void compare(JavaSparkContext sc, LoadedData data, String what) {
    compare(sc, data, Regularizer.NONE, what);
  }

  private static void compare(JavaSparkContext sc, LoadedData data, Regularizer reg, String what) {
    List<List<RowBlock>> parts = data.blocks().glom().collect();
    if (data.n() < data.partitions()) {
      assertTrue(parts.stream().anyMatch(List::isEmpty), what + ": expected an empty partition");
    }
    Problem problem = new Problem(SoftmaxRegression.softmax(), reg, data.d());
    LocalEvaluator local = new LocalEvaluator(problem, parts);
    DistributedEvaluator distributed = new DistributedEvaluator(sc, data.blocks(), problem, 1, "test: ");
    double[] x = RandomProblems.gaussianVector(D, 1.0, 8);
    LineBatch batch = new LineBatch(x, RandomProblems.gaussianVector(D, 1.0, 9), new double[] {0.0, 0.5, 1.0});
    EvaluatedPoint[] lv = local.values(batch, 0);
    EvaluatedPoint[] dv = distributed.values(batch, 0);
    for (int k = 0; k < lv.length; k++) {
      close(lv[k].loss(), dv[k].loss(), what + ": loss at step " + k);
      closeAll(lv[k].globals().values(), dv[k].globals().values(), what + ": globals at step " + k);
    }
    Derivatives ld = local.derivatives(x, lv[0].globals(), 0, new ExactCurvature());
    Derivatives dd = distributed.derivatives(x, dv[0].globals(), 0, new ExactCurvature());
    close(ld.loss(), dd.loss(), what + ": derivative-pass loss");
    assertEquals(ld.rowsKept(), dd.rowsKept(), what);
    // Gradient and Hessian are scaled by exp(-logScale); compare them at true scale.
    closeAll(scaled(ld.gradient(), ld.logScale()), scaled(dd.gradient(), dd.logScale()), what + ": gradient");
    closeAll(scaled(ld.hessian(), ld.logScale()), scaled(dd.hessian(), dd.logScale()), what + ": Hessian");
    // the fused pass: values along a short line and the derivatives at its end, with x's globals as prediction
    LineBatch line = new LineBatch(x, RandomProblems.gaussianVector(D, 0.01, 10), new double[] {1.0, 0.5});
    EvaluatedPoint[] plain = local.values(line, 0);
    FusedAggregate.Result lf = local.valuesAndDerivatives(line, 0, lv[0].globals(), 0, new ExactCurvature());
    FusedAggregate.Result df = distributed.valuesAndDerivatives(line, 0, lv[0].globals(), 0, new ExactCurvature());
    for (int k = 0; k < plain.length; k++) {
      assertEquals(plain[k].loss(), lf.points()[k].loss(), what + ": fused loss at step " + k + " (local)");
      close(lf.points()[k].loss(), df.points()[k].loss(), what + ": fused loss at step " + k);
    }
    assertTrue(lf.derivatives() != null && df.derivatives() != null, what + ": fused correction refused");
    close(lf.derivatives().loss(), df.derivatives().loss(), what + ": fused derivative-pass loss");
    closeAll(scaled(lf.derivatives().gradient(), lf.derivatives().logScale()),
        scaled(df.derivatives().gradient(), df.derivatives().logScale()), what + ": fused gradient");
  }

  private static double[] scaled(double[] v, double logScale) {
    double[] s = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      s[j] = Math.exp(logScale) * v[j];
    }
    return s;
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, Tolerances.REORDERED_SUM * Math.max(Math.abs(expected), Double.MIN_NORMAL), what);
  }

  /** Equal to 1e-12 relative to the largest entry (entries near 0 are compared at that scale). */
  private static void closeAll(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    List<String> off = new ArrayList<>();
    for (int j = 0; j < expected.length; j++) {
      if (Math.abs(expected[j] - actual[j]) > Tolerances.REORDERED_SUM * Math.max(scale, Double.MIN_NORMAL)) {
        off.add(j + ": " + expected[j] + " vs " + actual[j]);
      }
    }
    assertTrue(off.isEmpty(), what + " differs at " + off);
  }
}
