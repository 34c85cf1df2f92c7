package org.attnreg.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.Regularizer;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.ValueAggregate;
import org.junit.jupiter.api.Test;

/** What a pass's task closure weighs: the pass's functions, not its identity's arrays. */
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
}
