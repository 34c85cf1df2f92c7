package org.attnreg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Passes on the driver over the collected blocks give the bits of the Spark passes over the same
 * cached blocks (tree depth 1): every pass, and with them a whole solve.
 */
@ExtendWith(SharedSpark.class)
class DriverPassesTest {
  private static final int N = 300;
  private static final int D = 5;

  @Test
  void driverAndSparkPassesAgreeToTheBitForOneThreeAndEightPartitions(JavaSparkContext sc) {
    for (String id : List.of("softmax", "exp")) {
      for (boolean sparse : new boolean[] {false, true}) {
        for (int p : new int[] {1, 3, 8}) {
          compare(sc, LossFamilies.byId(id), sparse, p, id + (sparse ? " sparse" : " dense") + " in " + p + " partitions");
        }
      }
    }
  }

  private static void compare(JavaSparkContext sc, LossFamily family, boolean sparse, int partitions, String what) {
    JavaRDD<RowBlock> blocks = sc.parallelize(blocks(family, sparse), partitions).cache();
    try {
      Problem problem = new Problem(family, new Regularizer(0.01, 0.0), D);
      DriverPasses.Placed driver = DriverPasses.place(sc, blocks, problem, "test: ", DriverPasses.Mode.ALWAYS, 0);
      DriverPasses.Placed spark = DriverPasses.place(sc, blocks, problem, "test: ", DriverPasses.Mode.NEVER, 0);
      assertTrue(driver.onDriver(), what + ": " + driver.where());
      assertFalse(spark.onDriver(), what + ": " + spark.where());
      samePasses(driver.evaluator(), spark.evaluator(), what);
      SolveResult a = solve(family, driver.evaluator());
      SolveResult b = solve(family, spark.evaluator());
      assertEquals(b.iterations(), a.iterations(), what + ": iterations");
      assertArrayEquals(b.x(), a.x(), what + ": x");
      assertEquals(b.loss(), a.loss(), what + ": loss at the end");
    } finally {
      blocks.unpersist(true);
    }
  }

  private static void samePasses(Evaluator driver, Evaluator spark, String what) {
    double[] x = RandomProblems.gaussianVector(D, 0.3, 8);
    LineBatch batch = new LineBatch(x, RandomProblems.gaussianVector(D, 0.3, 9), new double[] {0.0, 0.5, 1.0});
    EvaluatedPoint[] dv = driver.values(batch, 0);
    EvaluatedPoint[] sv = spark.values(batch, 0);
    for (int k = 0; k < dv.length; k++) {
      assertEquals(sv[k].loss(), dv[k].loss(), what + ": loss at step " + k); // exact: JUnit compares the bits
      assertArrayEquals(sv[k].globals().values(), dv[k].globals().values(), what + ": globals at step " + k);
    }
    Derivatives dd = driver.derivatives(x, dv[0].globals(), 0, new ExactCurvature());
    Derivatives sd = spark.derivatives(x, sv[0].globals(), 0, new ExactCurvature());
    assertEquals(sd.loss(), dd.loss(), what + ": derivative-pass loss");
    assertEquals(sd.logScale(), dd.logScale(), what + ": gradient scale");
    assertArrayEquals(sd.gradient(), dd.gradient(), what + ": gradient");
    assertArrayEquals(sd.hessian(), dd.hessian(), what + ": Hessian");
  }

  private static SolveResult solve(LossFamily family, Evaluator evaluator) {
    NewtonSolver solver = new NewtonSolver(SolverConfig.defaults().withTolerance(1e-10).withMaxIterations(30));
    return FamilySolve.solve(solver, family, evaluator, null, IterationListener.NONE);
  }

  /** Noisy planted rows in blocks of 16, a third of the entries zero so that the sparse layout is sparse. */
  private static List<RowBlock> blocks(LossFamily family, boolean sparse) {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0 / Math.sqrt(D), 3);
    for (int i = 0; i < N; i++) {
      a[i][0] = 1.0;
      a[i][1 + i % (D - 1)] = 0.0;
    }
    double[] b = RandomProblems.plantedTargets(family, a, RandomProblems.gaussianVector(D, 0.5, 4));
    double[] noise = RandomProblems.gaussianVector(N, 0.05, 5);
    for (int i = 0; i < N; i++) {
      b[i] *= 1.0 + noise[i];
    }
    List<RowBlock> out = new ArrayList<>();
    RandomProblems.partitions(a, b, 16, sparse).forEach(out::addAll);
    return out;
  }

  @Test
  void autoRunsOnTheDriverOnlyOnALocalMasterWithinTheLimit() {
    long limit = DriverPasses.limit(8L << 30, 64L << 20);
    assertEquals(32L << 20, limit, "half of maxResultSize is the smallest bound here");
    assertEquals(32L << 20, DriverPasses.limit(256L << 20, 0), "no result-size limit: an eighth of the heap");
    assertEquals(DriverPasses.MAX_BYTES, DriverPasses.limit(64L << 30, 0), "never more than MAX_BYTES");
    assertTrue(DriverPasses.onDriver(DriverPasses.Mode.AUTO, true, limit, limit));
    assertFalse(DriverPasses.onDriver(DriverPasses.Mode.AUTO, true, limit + 1, limit));
    assertFalse(DriverPasses.onDriver(DriverPasses.Mode.AUTO, false, 1, limit), "a cluster master keeps Spark jobs");
    assertTrue(DriverPasses.onDriver(DriverPasses.Mode.ALWAYS, false, limit + 1, limit));
    assertFalse(DriverPasses.onDriver(DriverPasses.Mode.NEVER, true, 1, limit));
  }

  @Test
  void autoOnTheTestsLocalMasterTakesSmallCachedBlocksToTheDriver(JavaSparkContext sc) {
    JavaRDD<RowBlock> blocks = sc.parallelize(blocks(LossFamilies.byId("softmax"), false), 3).cache();
    try {
      blocks.count();
      Problem problem = new Problem(LossFamilies.byId("softmax"), Regularizer.NONE, D);
      DriverPasses.Placed placed = DriverPasses.place(sc, blocks, problem, "test: ", DriverPasses.Mode.AUTO, 0);
      assertTrue(placed.onDriver(), placed.where());
      assertTrue(placed.where().startsWith("driver (3 partitions, 2 threads"), placed.where());
      assertTrue(placed.where().contains("taken from the local block manager"), placed.where());
    } finally {
      blocks.unpersist(true);
    }
  }

  @Test
  void blocksHeldInMemoryAreTheCachedObjectsWhateverTheirSize(JavaSparkContext sc) {
    JavaRDD<RowBlock> blocks = sc.parallelize(blocks(LossFamilies.byId("exp"), false), 3).cache();
    try {
      assertNull(DriverPasses.borrowed(sc, blocks), "nothing is held before the first job computes the blocks");
      blocks.count();
      List<List<RowBlock>> held = DriverPasses.borrowed(sc, blocks);
      List<List<RowBlock>> collected = blocks.glom().collect();
      assertEquals(3, held.size());
      for (int p = 0; p < 3; p++) {
        assertEquals(collected.get(p).size(), held.get(p).size(), "partition " + p);
        for (int k = 0; k < held.get(p).size(); k++) {
          assertEquals(collected.get(p).get(k).rowId(0), held.get(p).get(k).rowId(0), "partition order kept");
          assertSame(held.get(p).get(k), DriverPasses.borrowed(sc, blocks).get(p).get(k),
              "the block manager's own object, not a copy");
        }
      }
      Problem problem = new Problem(LossFamilies.byId("exp"), Regularizer.NONE, D);
      DriverPasses.Placed big = DriverPasses.place(sc, blocks, problem, "test: ", DriverPasses.Mode.AUTO, 4L << 30);
      assertTrue(big.onDriver(), "held blocks cost no copy, so no size limit applies: " + big.where());
    } finally {
      blocks.unpersist(true);
    }
  }

  @Test
  void blocksCachedSerialisedAreCollectedOnlyWithinTheLimit(JavaSparkContext sc) {
    JavaRDD<RowBlock> blocks = sc.parallelize(blocks(LossFamilies.byId("exp"), false), 3)
        .persist(StorageLevel.MEMORY_ONLY_SER());
    try {
      blocks.count();
      assertNull(DriverPasses.borrowed(sc, blocks), "serialised blocks are not lent: reading them would copy");
      Problem problem = new Problem(LossFamilies.byId("exp"), Regularizer.NONE, D);
      DriverPasses.Placed small = DriverPasses.place(sc, blocks, problem, "test: ", DriverPasses.Mode.AUTO, 0);
      assertTrue(small.onDriver() && small.where().contains("collected"), small.where());
      DriverPasses.Placed big = DriverPasses.place(sc, blocks, problem, "test: ", DriverPasses.Mode.AUTO, 4L << 30);
      assertFalse(big.onDriver(), "an estimate above the limit keeps the passes in Spark: " + big.where());
    } finally {
      blocks.unpersist(true);
    }
  }
}
