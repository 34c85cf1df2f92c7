package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.Distances;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.Test;

class NewtonSolverTest {
  private static final int N = 3000;
  private static final int D = 8;


  private static LocalEvaluator planted(LossFamily family, double[][] a, double[] xStar) {
    double[] b = RandomProblems.plantedTargets(family, a, xStar);
    List<List<RowBlock>> parts = RandomProblems.partitions(a, b, 500, false);
    return new LocalEvaluator(new Problem(family, Regularizer.NONE, D), parts);
  }

  @Test
  void recoversPlantedSoftmaxSolutionFromTheOrigin() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 1);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 2);
    SolveResult r = new NewtonSolver(SolverConfig.defaults()).solve(planted(SoftmaxRegression.softmax(), a, xStar),
        new double[D], IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), r.message());
    assertTrue(Distances.relativeError(r.x(), xStar) <= Tolerances.PLANTED_RECOVERY, "‖x − x*‖/‖x*‖ = " + Distances.relativeError(r.x(), xStar));
    for (int k = 1; k < r.trace().size(); k++) {
      assertTrue(r.trace().get(k).loss() <= r.trace().get(k - 1).loss() + 1e-15, "loss must not increase at " + k);
    }
  }

  @Test
  void thePassPredictedToEndTheSolveTakesOnlyTheGradient() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 1);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 2);
    LocalEvaluator evaluator = planted(SoftmaxRegression.softmax(), a, xStar);
    SolveResult r = new NewtonSolver(SolverConfig.defaults()).solve(evaluator, new double[D], IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), r.message());
    List<IterationRecord> trace = r.trace();
    assertEquals(0, trace.get(trace.size() - 1).rowsKept(), "the last pass adds no Hessian rows");
    assertTrue(trace.subList(0, trace.size() - 1).stream().allMatch(t -> t.rowsKept() == N),
        "every iterate a step was taken from had its exact Hessian");
    // the gradient it stopped on is the gradient at x, as a full pass finds it
    double[] x = r.x();
    double fresh = evaluator.derivatives(x, evaluator.values(org.attnreg.stats.LineBatch.at(x), 0)[0].globals(), 0,
        new org.attnreg.stats.ExactCurvature()).gradientNorm();
    assertEquals(fresh, r.gradientNorm(), 1e-6 * fresh + 1e-300);
    assertTrue(fresh <= SolverConfig.DEFAULT_TOLERANCE * trace.get(0).gradientNorm() * (1 + 1e-6));
  }

  @Test
  void lineSearchSavesAFarStartWhereFullNewtonStepsOvershoot() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 3);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 4);
    double[] far = RandomProblems.gaussianVector(D, 12.0, 5);
    SolveResult r = new NewtonSolver(SolverConfig.defaults()).solve(planted(SoftmaxRegression.softmax(), a, xStar),
        far, IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), r.message());
    assertTrue(Distances.relativeError(r.x(), xStar) <= Tolerances.PLANTED_RECOVERY, "‖x − x*‖/‖x*‖ = " + Distances.relativeError(r.x(), xStar));
    assertTrue(r.trace().stream().anyMatch(t -> t.stepSize() < 1.0),
        "from this start some step must have been shortened by the line search");
  }

  @Test
  void reportsMaxIterationsWithTheLastIterate() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 6);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 7);
    SolveResult r = new NewtonSolver(SolverConfig.defaults().withMaxIterations(1))
        .solve(planted(SoftmaxRegression.softmax(), a, xStar), new double[D], IterationListener.NONE);
    assertEquals(Status.MAX_ITERATIONS, r.status());
    assertEquals(1, r.iterations());
    assertEquals(2, r.trace().size());
    assertEquals(2, r.derivativePasses());
  }
}
