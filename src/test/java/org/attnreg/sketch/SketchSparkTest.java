package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Through Spark, with the empty accumulator serialised to every partition and partial sketches
 * merged by {@code treeAggregate}: a 3-partition distributed pass equals the one-partition local pass.
 */
@ExtendWith(SharedSpark.class)
class SketchSparkTest {
  private static final int N = 3000;
  private static final int D = 9;

  @Test
  void distributedSketchedPassEqualsLocalOnePartitionPass(JavaSparkContext sc) {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 61);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 62);
    double[] b = RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a, xStar);
    Problem problem = new Problem(SoftmaxRegression.softmax(), Regularizer.of(0.05, 0.0), D);
    List<RowBlock> blocks = new ArrayList<>();
    RandomProblems.partitions(a, b, 250, false).forEach(blocks::addAll);
    LocalEvaluator local = LocalEvaluator.of(problem, blocks);
    JavaRDD<RowBlock> rdd = sc.parallelize(blocks, 3).cache();
    DistributedEvaluator distributed = new DistributedEvaluator(sc, rdd, problem, 2, "sketch-test ");
    double[] x = RandomProblems.gaussianVector(D, 0.5, 63);
    EvaluatedPoint at = local.values(LineBatch.at(x), 0)[0];
    Curvature leverage = new LeverageSampler(SketchSize.ofEpsilon(0.5), 64)
        .after(local.derivatives(x, at.globals(), 0, new ExactCurvature()));
    for (Curvature c : List.of(leverage, new SparseSignSketch(SketchSize.ofRows(120), 64),
        new GaussianSketch(SketchSize.ofRows(30), 64))) {
      Derivatives one = local.derivatives(x, at.globals(), 5, c);
      Derivatives three = distributed.derivatives(x, at.globals(), 5, c);
      double diff = SketchTestkit.maxAbsDifference(one.hessian(), three.hessian());
      assertTrue(diff <= Tolerances.REORDERED_SUM * SketchTestkit.maxAbs(one.hessian()),
          c.id() + ": distributed Hessian differs by " + diff);
      assertEquals(one.rowsKept(), three.rowsKept(), c.id() + ": rows kept");
      assertTrue(one.rowsKept() < N, c.id() + ": the pass must sketch");
    }
    rdd.unpersist();
  }
}
