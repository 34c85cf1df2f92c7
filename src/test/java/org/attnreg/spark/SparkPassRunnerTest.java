package org.attnreg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.Regularizer;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.ValueAggregate;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a pass ships: the pass's functions, not its identity's arrays; a small parameter without a broadcast. */
@ExtendWith(SharedSpark.class)
class SparkPassRunnerTest {
  private static final int D = 300;

  /** Java serialisation, as Spark's closure serialiser writes a task's function. */
  private static int serialisedBytes(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.size();
  }

  private static BlockPass<RowBlock, double[], DerivativeAggregate> derivativePass(int d) {
    Problem problem = new Problem(LossFamilies.byId("softmax"), Regularizer.NONE, d);
    return DerivativeAggregate.pass(problem, new double[d], problem.family().globals(new double[] {0.0, 0.0}), 1,
        new ExactCurvature(), "derivative pass");
  }

  @Test
  void aDerivativePassClosureDoesNotGrowWithTheDimension() throws IOException {
    int small = serialisedBytes(SparkPassRunner.partitionFold(derivativePass(10), null));
    int large = serialisedBytes(SparkPassRunner.partitionFold(derivativePass(D), null));
    int identity = serialisedBytes(derivativePass(D).zero().get());
    assertTrue(identity > 3 * 8 * D, "the identity holds the gradient sums: " + identity + " bytes");
    assertTrue(large <= small + 16, "closure at d = " + D + ": " + large + " bytes, at d = 10: " + small);
    assertTrue(large < identity / 2, "closure " + large + " bytes, identity " + identity);
  }

  @Test
  void aValuePassClosureIsSmallToo() throws IOException {
    Problem problem = new Problem(LossFamilies.byId("exp"), Regularizer.NONE, D);
    LineBatch batch = new LineBatch(new double[D], new double[D], new double[] {1.0, 0.5, 0.25});
    int closure = serialisedBytes(SparkPassRunner.partitionFold(ValueAggregate.pass(problem, batch, "value"), null));
    assertTrue(closure < 4_000, "the task closure is " + closure + " bytes");
  }

  /** Broadcasts made by {@code work}: the ids Spark hands out before and after, less the probe itself. */
  private static long broadcastsDuring(JavaSparkContext sc, Runnable work) {
    Broadcast<Integer> before = sc.broadcast(0);
    work.run();
    Broadcast<Integer> after = sc.broadcast(0);
    before.destroy();
    after.destroy();
    return after.id() - before.id() - 1;
  }

  @Test
  void aSmallParameterTravelsInTheTaskClosureALargeOneAsABroadcast(JavaSparkContext sc) {
    for (int d : new int[] {6, 6_000}) {
      double[][] a = RandomProblems.gaussianRows(40, d, 0.1, 3);
      List<RowBlock> blocks = RandomProblems.oneBlock(a, RandomProblems.gaussianVector(40, 1.0, 4), false);
      JavaRDD<RowBlock> rdd = sc.parallelize(blocks, 2).cache();
      try {
        rdd.count();
        Problem problem = new Problem(LossFamilies.byId("softmax"), Regularizer.NONE, d);
        DistributedEvaluator evaluator = new DistributedEvaluator(sc, rdd, problem, 1, "test: ");
        LineBatch batch = new LineBatch(new double[d], RandomProblems.gaussianVector(d, 0.1, 5),
            new double[] {0.0, 0.5, 0.25, 0.125});
        boolean small = SparkPassRunner.serialisedSize(batch) <= SparkPassRunner.INLINE_PARAMETER_BYTES;
        assertEquals(d == 6, small, "batch of " + SparkPassRunner.serialisedSize(batch) + " bytes");
        // Spark itself broadcasts each stage's task binary: one stage per pass, plus one broadcast for a large batch.
        assertEquals(small ? 1 : 2, broadcastsDuring(sc, () -> evaluator.values(batch, 0)), "d = " + d);
      } finally {
        rdd.unpersist(true);
      }
    }
  }
}
