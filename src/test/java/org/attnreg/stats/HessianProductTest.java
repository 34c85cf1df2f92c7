package org.attnreg.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact Hessian–vector products (the first, which also yields the low-rank terms, and the lean
 * later ones) against the exact Hessian of a derivative pass at the same point applied on the
 * driver: every family, dense and sparse rows, the regulariser's row weights and ridge, 1 and 3
 * partitions.
 */
class HessianProductTest {
  private static final int N = 240;
  private static final int D = 6;

  static Stream<Arguments> cases() {
    return LossFamilies.ids().stream().flatMap(id -> Stream.of(false, true).flatMap(sparse -> Stream.of(1, 3)
        .flatMap(parts -> Stream.of(true, false).map(reg -> Arguments.of(id, sparse, parts, reg)))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void productsAreTheExactHessianTimesTheDirection(String id, boolean sparse, int partitions, boolean regularised) {
    check(id, sparse, partitions, regularised, N);
  }

  /** 6000 rows of 6 in one block: the lean product's windows (16384 stored values each) split it in three. */
  @ParameterizedTest
  @MethodSource("cases")
  void everyWindowOfALargeBlockCounts(String id, boolean sparse, int partitions, boolean regularised) {
    if (partitions == 1) {
      check(id, sparse, 1, regularised, 6000);
    }
  }

  private static void check(String id, boolean sparse, int partitions, boolean regularised, int n) {
    LossFamily family = LossFamilies.byId(id);
    double[][] a = RandomProblems.gaussianRows(n, D, 1.0, 31);
    for (int i = 0; i < n; i++) {
      a[i][(i * 5) % D] = 0.0; // some zeros, so that sparse rows are sparse
    }
    double[] x = RandomProblems.gaussianVector(D, 0.3, 32);
    double[] b = RandomProblems.plantedTargets(family, a, RandomProblems.gaussianVector(D, 0.3, 33));
    double[] w2 = regularised ? RandomProblems.rowWeights2(n, 2.0, 34) : null;
    List<List<RowBlock>> parts = RandomProblems.partitions(a, b, w2, (n + partitions - 1) / partitions, sparse);
    Regularizer reg = regularised ? Regularizer.of(0.5, 1e-2) : Regularizer.NONE;
    LocalEvaluator evaluator = new LocalEvaluator(new Problem(family, reg, D), parts);

    EvaluatedPoint at = evaluator.values(LineBatch.at(x), 0)[0];
    Derivatives exact = evaluator.derivatives(x, at.globals(), 0, new ExactCurvature());
    // the low-rank terms found by the first product, or handed over from a pass without a Gram
    Derivatives gramFree = evaluator.derivatives(x, at.globals(), 0, new NoCurvature());
    UnaryOperator<double[]> found = evaluator.hessianProducts(x, at.globals(), 0, exact.logScale(), null);
    UnaryOperator<double[]> given = evaluator.hessianProducts(x, at.globals(), 0, gramFree.logScale(),
        gramFree.hessian());
    for (long seed = 40; seed < 46; seed++) { // the first product, then two lean ones, of each
      double[] v = RandomProblems.gaussianVector(D, 1.0, seed % 3);
      double[] hv = Vectors.scaled(Math.exp((seed < 43 ? exact.logScale() : gramFree.logScale()) - exact.logScale()),
          (seed < 43 ? found : given).apply(v));
      double scale = 0.0;
      for (int i = 0; i < D; i++) {
        for (int j = 0; j < D; j++) {
          scale = Math.max(scale, Math.abs(exact.hessian()[i * D + j]) * Math.abs(v[j]));
        }
      }
      for (int i = 0; i < D; i++) {
        double expected = 0.0;
        for (int j = 0; j < D; j++) {
          expected += exact.hessian()[i * D + j] * v[j];
        }
        String what = id + (sparse ? " sparse" : " dense") + ", " + partitions + " partitions"
            + (regularised ? ", regularised" : "") + ", product " + (seed - 39) + (seed < 43 ? "" : " (R given)")
            + ", entry " + i;
        assertTrue(Math.abs(hv[i] - expected) <= 1e-12 * D * scale, what + ": " + hv[i] + " vs " + expected);
      }
    }
  }
}
