package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.solver.Status;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sketched Newton on softmax regression: it recovers a planted optimum to 1e-8, and in the papers'
 * setting (maths.md §2: n = 4000, d = 10, b = softmax(2 A x_p), uniform w = 0.01, start at
 * distance ~0.3) every step contracts the error by less than the one-step lemma's 0.4.
 */
class SketchConvergenceTest {
  private static final int D = 10;
  private static final double LEMMA_RATE = 0.4;

  @ParameterizedTest
  @ValueSource(strings = {"gauss-newton", "leverage", "sparse-sign", "gaussian"})
  void sketchedNewtonRecoversAPlantedOptimum(String kind) {
    int n = 8000;
    double[][] a = RandomProblems.gaussianRows(n, D, 1.0, 41);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 42);
    LocalEvaluator evaluator = evaluator(a, RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a, xStar),
        Regularizer.NONE);
    SolveResult r = new NewtonSolver(SolverConfig.defaults(), Sketches.create(kind, 0, 0.5, 43))
        .solve(evaluator, new double[D], IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), kind + ": " + r.message());
    double error = distance(r.x(), xStar) / norm(xStar);
    assertTrue(error <= Tolerances.PLANTED_RECOVERY, kind + ": ‖x − x*‖/‖x*‖ = " + error);
    List<Long> kept = r.trace().stream().skip(1).map(t -> t.rowsKept()).toList();
    if (kind.equals("gauss-newton")) {
      // sketched passes first, then the exact Hessian for the last digits, for good
      int sketched = (int) kept.stream().takeWhile(k -> k < n).count();
      assertTrue(sketched >= 2, kind + ": the first passes must sketch: " + kept);
      assertTrue(kept.stream().skip(sketched).allMatch(k -> k == n), kind + ": once exact, always exact: " + kept);
    } else {
      assertTrue(kept.stream().allMatch(k -> k < n), kind + ": every pass must sketch: " + kept);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"leverage", "sparse-sign", "gaussian"})
  void contractsFasterThanTheLemmaInThePapersSetting(String kind) {
    List<Double> ratios = contractions(Sketches.create(kind, 0, 0.5, 44), 45);
    assertTrue(ratios.size() >= 3, kind + ": too few steps above the noise floor to measure: " + ratios);
    assertTrue(ratios.stream().allMatch(q -> q < LEMMA_RATE), kind + ": r_{t+1}/r_t = " + ratios);
  }

  /**
   * The Gauss–Newton sketch reads ε as a per-step contraction target of the error (m = d(1 + 1/ε²)
   * rows per partition, Newton-LESS's d/(m − d) for the squared error): its steps contract by ε or
   * better on (geometric) average.
   */
  @org.junit.jupiter.api.Test
  void gaussNewtonContractsAtItsTargetRateInThePapersSetting() {
    double epsilon = 0.5;
    List<Double> ratios = contractions(Sketches.create("gauss-newton", 0, epsilon, 44), 45);
    assertTrue(ratios.size() >= 3, "too few steps above the noise floor to measure: " + ratios);
    double meanLog = ratios.stream().mapToDouble(Math::log).average().orElseThrow();
    assertTrue(Math.exp(meanLog) <= epsilon, "geometric mean contraction " + Math.exp(meanLog) + " of " + ratios);
    assertTrue(ratios.stream().allMatch(q -> q < 1.0), "every step must contract: " + ratios);
  }

  /** The per-step ratios ‖x_{t+1} − x*‖/‖x_t − x*‖ of sketched Newton in the papers' setting. */
  static List<Double> contractions(Curvature curvature, long seed) {
    int n = 4000;
    double[][] a = RandomProblems.gaussianRows(n, D, 1.0, seed);
    double[] xPlant = RandomProblems.gaussianVector(D, 2.0 / Math.sqrt(D), seed + 1);
    LocalEvaluator evaluator = evaluator(a, RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a, xPlant),
        Regularizer.of(0.01, 0.0));
    double[] xStar = new NewtonSolver(SolverConfig.defaults().withTolerance(1e-14))
        .solve(evaluator, xPlant, IterationListener.NONE).x();
    double[] x0 = RandomProblems.gaussianVector(D, 0.3 / Math.sqrt(D), seed + 2);
    for (int j = 0; j < D; j++) {
      x0[j] += xStar[j];
    }
    List<Double> distances = new ArrayList<>();
    new NewtonSolver(SolverConfig.defaults().withTolerance(1e-13).withMaxIterations(12), curvature)
        .solve(evaluator, x0, (record, x) -> distances.add(distance(x, xStar)));
    double floor = 1e-9 * norm(xStar); // below this the reference x* itself is not accurate
    List<Double> ratios = new ArrayList<>();
    for (int t = 0; t + 1 < distances.size() && distances.get(t + 1) > floor; t++) {
      ratios.add(distances.get(t + 1) / distances.get(t));
    }
    return ratios;
  }

  private static LocalEvaluator evaluator(double[][] a, double[] b, Regularizer reg) {
    List<List<RowBlock>> parts = RandomProblems.partitions(a, b, 1000, false);
    return new LocalEvaluator(new Problem(SoftmaxRegression.softmax(), reg, D), parts);
  }

  private static double distance(double[] x, double[] y) {
    double s = 0.0;
    for (int j = 0; j < x.length; j++) {
      s += (x[j] - y[j]) * (x[j] - y[j]);
    }
    return Math.sqrt(s);
  }

  private static double norm(double[] x) {
    return distance(x, new double[x.length]);
  }
}
