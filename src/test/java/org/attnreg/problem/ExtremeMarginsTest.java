package org.attnreg.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Margins far beyond where {@code e^z} is representable. */
class ExtremeMarginsTest {
  private static final int N = 40;
  private static final int D = 3;

  private static LocalEvaluator evaluator(LossFamily family, double[][] a, double[] b) {
    return new LocalEvaluator(new Problem(family, Regularizer.NONE, D), RandomProblems.partitions(a, b, 7, false));
  }

  /** A trial point of a plain exp-type family whose f overflows is a non-finite loss, not an exception. */
  @ParameterizedTest
  @ValueSource(strings = {"exp", "cosh", "sinh"})
  void anOverflowingTrialPointHasANonFiniteLoss(String id) {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 51);
    double[] b = new double[N];
    Arrays.fill(b, 1.0);
    double[] x = RandomProblems.gaussianVector(D, 1.0, 52);
    double[] direction = RandomProblems.gaussianVector(D, 1.0, 53);
    LineBatch batch = new LineBatch(x, direction, new double[] {0.0, 1e4, -1e4});
    EvaluatedPoint[] points = evaluator(LossFamilies.byId(id), a, b).values(batch, 0);
    assertTrue(points[0].isFinite(), id + " at x: " + points[0].loss());
    assertTrue(!points[1].isFinite() && !points[2].isFinite(),
        id + " far out: " + points[1].loss() + ", " + points[2].loss());
  }

  /**
   * Rescaled exp with an intercept column e is homogeneous, {@code L(x + te) = e^{2t}L(x)}: at
   * t = 1000 the true loss overflows, yet the scaled derivative pieces are exactly those at x, with
   * logScale larger by 2t (maths.md §5), so the Newton step is unchanged; at t = −300 the true loss
   * is tiny but still represented, and is {@code e^{2t}} times the loss at x.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1000.0, -300.0})
  void rescaledPiecesStayFiniteWhereTheTrueScaleOverflows(double t) {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 54);
    for (double[] row : a) {
      row[0] = 1.0;
    }
    LossFamily family = LossFamilies.byId("rescaled-exp");
    double[] b = RandomProblems.plantedTargets(family, a, RandomProblems.gaussianVector(D, 1.0, 55));
    LocalEvaluator ev = evaluator(family, a, b);
    double[] x = RandomProblems.gaussianVector(D, 1.0, 56);
    double[] shifted = x.clone();
    shifted[0] += t;
    Derivatives near = derivatives(ev, x);
    Derivatives far = derivatives(ev, shifted);
    assertEquals(near.logScale() + 2.0 * t, far.logScale(), 1e-9 * Math.abs(t));
    if (t > 0) {
      assertEquals(Double.POSITIVE_INFINITY, far.loss(), "true-scale loss at t = " + t);
    } else {
      LossFamilyContract.assertClose(Math.exp(2.0 * t) * near.loss(), far.loss(), Tolerances.SHIFTED_MARGINS,
          "true-scale loss at t = " + t);
    }
    LossFamilyContract.assertArrayClose(near.gradient(), far.gradient(), Tolerances.SHIFTED_MARGINS, "scaled gradient");
    LossFamilyContract.assertArrayClose(near.hessian(), far.hessian(), Tolerances.SHIFTED_MARGINS, "scaled Hessian");
  }

  private static Derivatives derivatives(LocalEvaluator ev, double[] x) {
    EvaluatedPoint p = ev.values(LineBatch.at(x), 0)[0];
    return ev.derivatives(x, p.globals(), 0, new ExactCurvature());
  }
}
