package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.Distances;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The traps of maths.md §9, each on an instance built to spring it. */
class FamilyTrapsTest {
  private static final int N = 2000;
  private static final int D = 6;

  private static SolveResult solve(LossFamily family, FamilySolveTest.Instance p, double[] x0) {
    return FamilySolve.solve(new NewtonSolver(SolverConfig.defaults()), family, p.evaluator(), x0,
        IterationListener.NONE);
  }

  private static boolean anyWarningContains(SolveResult r, String text) {
    return r.warnings().stream().anyMatch(w -> w.contains(text));
  }

  @Test
  void rescaledExpWithAnInterceptColumnIsReportedUnbounded() {
    LossFamily family = LossFamilies.byId("rescaled-exp");
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 31);
    for (double[] row : a) {
      row[0] = 1.0;
    }
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 32);
    double[] b = RandomProblems.plantedTargets(family, a, xStar);
    SplittableRandom rnd = new SplittableRandom(33);
    for (int i = 0; i < N; i++) {
      b[i] *= 1.0 + 0.1 * RandomProblems.gaussian(rnd); // no exact fit: L > 0 everywhere
    }
    SolveResult r = solve(family, FamilySolveTest.Instance.of(family, a, b, xStar), null);
    assertEquals(Status.UNBOUNDED, r.status(), r.message());
    assertTrue(r.message().contains("no minimiser"), r.message());
    assertTrue(anyWarningContains(r, "homogeneous"), "warnings: " + r.warnings());
    assertTrue(r.iterations() < SolverConfig.DEFAULT_MAX_ITERATIONS, "stopped after " + r.iterations());
  }

  @Test
  void rescaledExpWithoutInterceptIsNotReportedUnbounded() {
    LossFamily family = LossFamilies.byId("rescaled-exp");
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 31);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 32);
    double[] b = RandomProblems.plantedTargets(family, a, xStar);
    SplittableRandom rnd = new SplittableRandom(33);
    for (int i = 0; i < N; i++) {
      b[i] *= 1.0 + 0.1 * RandomProblems.gaussian(rnd);
    }
    SolveResult r = solve(family, FamilySolveTest.Instance.of(family, a, b, xStar), FamilySolve.dataFreeStart(family, D));
    assertEquals(Status.CONVERGED, r.status(), r.message());
    assertTrue(r.warnings().stream().noneMatch(w -> w.contains("homogeneous")), "warnings: " + r.warnings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"cosh", "rescaled-cosh", "rescaled-sinh", "softmax-relu"})
  void familiesWithATrapAtTheOriginNeverStartThere(String id) {
    LossFamily family = LossFamilies.byId(id);
    double[] start = FamilySolve.startFor(family, FamilySolveTest.Instance.planted(family, 34).evaluator(), null);
    assertTrue(Vectors.norm(start) > 0.1, id + " default start " + java.util.Arrays.toString(start));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cosh", "rescaled-cosh", "softmax-relu"})
  void aUserStartAtTheStationaryOriginIsWarnedAbout(String id) {
    LossFamily family = LossFamilies.byId(id);
    SolveResult r = solve(family, FamilySolveTest.Instance.planted(family, 35), new double[D]);
    assertEquals(0, r.iterations(), "the origin is stationary: " + r.message());
    assertTrue(anyWarningContains(r, "x = 0"), id + " warnings: " + r.warnings());
  }

  @Test
  void rescaledSinhWarnsAboutItsTrivialMinimiserAndSaysWhenItFoundIt() {
    LossFamily family = LossFamilies.byId("rescaled-sinh");
    FamilySolveTest.Instance p = FamilySolveTest.Instance.planted(family, 36);
    double[] small = RandomProblems.gaussianVector(D, 0.05, 37);
    SolveResult trivial = solve(family, p, small);
    assertEquals(Status.TRIVIAL, trivial.status(), trivial.message());
    assertTrue(trivial.message().contains("trivial minimiser"), trivial.message());
    assertTrue(Vectors.norm(trivial.x()) < 1e-6, "‖x‖ = " + Vectors.norm(trivial.x()));
    assertTrue(anyWarningContains(trivial, "global minimiser for every b"), "warnings: " + trivial.warnings());
    assertTrue(anyWarningContains(trivial, "the trivial minimiser"), "warnings: " + trivial.warnings());

    SolveResult planted = solve(family, p, p.xStar().clone());
    assertTrue(anyWarningContains(planted, "global minimiser for every b"), "warnings: " + planted.warnings());
    assertTrue(!anyWarningContains(planted, "the trivial minimiser"), "warnings: " + planted.warnings());
  }

  /**
   * From its default start rescaled sinh falls into x = 0 on most instances; the solve then restarts
   * from the least-squares direction of the data and its best length, and reaches the planted ±x*.
   */
  @ParameterizedTest
  @ValueSource(longs = {36, 40, 41, 42, 43, 44})
  void rescaledSinhFromItsDefaultStartFindsTheNonTrivialSolution(long seed) {
    LossFamily family = LossFamilies.byId("rescaled-sinh");
    FamilySolveTest.Instance p = FamilySolveTest.Instance.planted(family, seed);
    SolveResult r = solve(family, p, null);
    assertEquals(Status.CONVERGED, r.status(), r.message() + " " + r.warnings());
    double[] minus = java.util.Arrays.stream(p.xStar()).map(v -> -v).toArray();
    double error = Math.min(org.attnreg.testkit.Distances.relativeError(r.x(), p.xStar()),
        org.attnreg.testkit.Distances.relativeError(r.x(), minus));
    assertTrue(error < 1e-6, "seed " + seed + ": distance to ±x* " + error + ", x = " + java.util.Arrays.toString(r.x()));
  }

  /**
   * Exp regression from the origin with targets far above the fit there ({@code b_i > 2 = 2e^{z_i}}
   * on many rows): the Hessian at the start is indefinite, the damped steps must still descend.
   */
  @Test
  void expRegressionWithTargetsFarAboveTheFitDescendsThroughNonConvexity() {
    LossFamily family = LossFamilies.byId("exp");
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 38);
    double[] xStar = RandomProblems.gaussianVector(D, 2.0, 39);
    FamilySolveTest.Instance p = FamilySolveTest.Instance.of(family, a, RandomProblems.plantedTargets(family, a, xStar),
        xStar);
    SolveResult r = solve(family, p, new double[D]);
    assertTrue(r.trace().get(0).damping() > 0.0, "the Hessian at the origin should be indefinite: " + r.trace().get(0));
    assertTrue(anyWarningContains(r, "Levenberg–Marquardt"), "warnings: " + r.warnings());
    assertEquals(Status.CONVERGED, r.status(), r.message());
    FamilySolveTest.assertLossNeverIncreases("exp", r);
    assertTrue(Distances.relativeError(r.x(), xStar) <= Tolerances.PLANTED_RECOVERY,
        "‖x − x*‖/‖x*‖ = " + Distances.relativeError(r.x(), xStar));
  }
}
