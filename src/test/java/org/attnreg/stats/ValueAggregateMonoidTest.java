package org.attnreg.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;

/** The value pass is a monoid whose merge rule keeps partitions with margins near ±1000 finite. */
class ValueAggregateMonoidTest {
  private static final LossFamily SOFTMAX = SoftmaxRegression.softmax();
  private static final int D = 4;

  /** Three partitions whose margins a_i·x sit near −1000, 0 and +1000 (their max shifts differ by 1000). */
  private static List<List<RowBlock>> farApartPartitions(double[][] a, double[] b) {
    return RandomProblems.partitions(a, b, a.length / 3, false);
  }

  private static double[][] rowsAround(double[] centres, int perPart, long seed) {
    double[][] a = new double[centres.length * perPart][];
    double[][] noise = RandomProblems.gaussianRows(a.length, D, 0.5, seed);
    for (int i = 0; i < a.length; i++) {
      a[i] = noise[i].clone();
      a[i][0] = centres[i / perPart]; // x = e_0, so the margin is this entry
    }
    return a;
  }

  private static ValueAggregate fold(List<RowBlock> blocks, LineBatch batch) {
    ValueAggregate agg = ValueAggregate.empty(SOFTMAX, batch.size());
    for (RowBlock block : blocks) {
      agg.add(block, batch);
    }
    return agg;
  }

  private static double loss(ValueAggregate agg, LineBatch batch) {
    return agg.finish(batch, Regularizer.NONE)[0].loss();
  }

  /** ½‖softmax(z) − b‖² with one global shift: the direct evaluation. */
  private static double direct(double[][] a, double[] b, double[] x) {
    double[] z = new double[a.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a.length; i++) {
      z[i] = RandomProblems.dot(a[i], x);
      max = Math.max(max, z[i]);
    }
    double alpha = 0.0;
    for (double v : z) {
      alpha += Math.exp(v - max);
    }
    double loss = 0.0;
    for (int i = 0; i < a.length; i++) {
      double r = Math.exp(z[i] - max) / alpha - b[i];
      loss += r * r;
    }
    return 0.5 * loss;
  }

  @Test
  void mergeIsAssociativeHasTheEmptyIdentityAndMatchesTheDirectEvaluation() {
    double[][] a = rowsAround(new double[] {-1000.0, 0.5, 1000.0}, 20, 1);
    double[] b = RandomProblems.gaussianVector(a.length, 0.05, 2);
    double[] x = {1.0, 0.3, -0.2, 0.1};
    LineBatch batch = LineBatch.at(x);
    List<List<RowBlock>> parts = farApartPartitions(a, b);
    ValueAggregate left = fold(parts.get(0), batch).merge(fold(parts.get(1), batch)).merge(fold(parts.get(2), batch));
    ValueAggregate right = fold(parts.get(0), batch).merge(fold(parts.get(1), batch).merge(fold(parts.get(2), batch)));
    ValueAggregate withEmpties = ValueAggregate.empty(SOFTMAX, 1).merge(fold(parts.get(2), batch))
        .merge(ValueAggregate.empty(SOFTMAX, 1)).merge(fold(parts.get(0), batch)).merge(fold(parts.get(1), batch));
    double expected = direct(a, b, x);
    assertTrue(Double.isFinite(expected) && expected > 0.0, "direct loss " + expected);
    for (ValueAggregate agg : List.of(left, right, withEmpties)) {
      double got = loss(agg, batch);
      assertTrue(Math.abs(got - expected) <= 1e-12 * expected, "merged loss " + got + " vs direct " + expected);
      assertEquals(a.length, agg.rows());
    }
    assertEquals(loss(left, batch), loss(right, batch), 1e-15 * expected, "(a∘b)∘c = a∘(b∘c)");
  }

  @Test
  void theEmptyAggregateChangesNothingOnEitherSide() {
    double[][] a = RandomProblems.gaussianRows(30, D, 1.0, 3);
    double[] b = RandomProblems.gaussianVector(30, 0.05, 4);
    LineBatch batch = new LineBatch(new double[] {0.2, -0.1, 0.4, 0.0}, new double[] {1, 1, 1, 1},
        new double[] {0.0, 0.5, 1.0});
    List<RowBlock> blocks = RandomProblems.oneBlock(a, b, false);
    EvaluatedPoint[] alone = fold(blocks, batch).finish(batch, Regularizer.NONE);
    EvaluatedPoint[] leftEmpty = ValueAggregate.empty(SOFTMAX, 3).merge(fold(blocks, batch)).finish(batch, Regularizer.NONE);
    EvaluatedPoint[] rightEmpty = fold(blocks, batch).merge(ValueAggregate.empty(SOFTMAX, 3)).finish(batch, Regularizer.NONE);
    for (int k = 0; k < 3; k++) {
      assertEquals(alone[k].loss(), leftEmpty[k].loss(), 0.0, "empty ∘ a = a at step " + k);
      assertEquals(alone[k].loss(), rightEmpty[k].loss(), 0.0, "a ∘ empty = a at step " + k);
    }
  }
}
