package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.sketch.Sketches;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A solve resumed from any accepted step ends bit-identically to the uninterrupted one. */
class NewtonResumeTest {
  private static final int N = 3000;
  private static final int D = 8;

  private static LocalEvaluator evaluator() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 11);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 12);
    double[] b = RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a, xStar);
    List<List<RowBlock>> parts = RandomProblems.partitions(a, b, 400, false);
    return new LocalEvaluator(new Problem(SoftmaxRegression.softmax(), Regularizer.of(0.0, 1e-6), D), parts);
  }

  private static Curvature curvature(String kind) {
    return kind.equals("exact") ? new ExactCurvature() : Sketches.create(kind, 400, 0.5, 7L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"exact", "gauss-newton", "leverage", "sparse-sign"})
  void resumingFromEveryAcceptedStepGivesTheSameIteratesAndResult(String kind) throws Exception {
    LocalEvaluator evaluator = evaluator();
    double[] far = RandomProblems.gaussianVector(D, 6.0, 13);
    List<SolverState> states = new ArrayList<>();
    IterationListener saver = new IterationListener() {
      @Override
      public void onIteration(IterationRecord record, double[] x) {}

      @Override
      public void onAccepted(SolverState state) {
        states.add(state);
      }
    };
    SolverConfig config = SolverConfig.defaults().withTolerance(1e-12);
    SolveResult full = new NewtonSolver(config, curvature(kind)).solve(evaluator, far, saver);
    assertTrue(states.size() >= 3, "want several accepted steps, got " + states.size());
    assertEquals(full.iterations(), states.size(), "one state per accepted step");
    assertTrue(states.stream().anyMatch(st -> st.fusedPrediction() != null),
        "some resume must start from a fused pass's derivatives");
    if (kind.equals("gauss-newton")) {
      assertTrue(full.trace().stream().anyMatch(r -> r.passes() > r.valuePasses() + 1),
          "the finishing phase's conjugate-gradient steps must be among the resumed iterations");
    }
    for (SolverState state : states) {
      // the curvature's state goes through plain data into a fresh curvature, as through a checkpoint file
      SolverState saved = new SolverState(state.iteration(), state.point(), state.firstGradientNorm(), state.trace(),
          curvature(kind).restore(state.curvature().state()), state.valuePasses(), state.derivativePasses(), state.warnings(),
          state.recentPoints(), state.recentLosses(), state.valueSeconds(), state.fusedPrediction());
      // a fresh solver whose own initial curvature would differ: the state's must be used
      SolveResult resumed = new NewtonSolver(config, curvature(kind)).resume(evaluator, saved, IterationListener.NONE);
      String at = kind + ", resumed at iterate " + state.iteration();
      assertArrayEquals(full.x(), resumed.x(), 0.0, at);
      assertEquals(full.status(), resumed.status(), at);
      assertEquals(full.iterations(), resumed.iterations(), at);
      assertEquals(full.valuePasses(), resumed.valuePasses(), at);
      assertEquals(full.derivativePasses(), resumed.derivativePasses(), at);
      assertEquals(full.warnings(), resumed.warnings(), at);
      assertEquals(full.trace().size(), resumed.trace().size(), at);
      for (int k = 0; k < full.trace().size(); k++) {
        assertEquals(full.trace().get(k).loss(), resumed.trace().get(k).loss(), 0.0, at + ", loss of record " + k);
        assertEquals(full.trace().get(k).stepSize(), resumed.trace().get(k).stepSize(), 0.0, at + ", step " + k);
        assertEquals(full.trace().get(k).passes(), resumed.trace().get(k).passes(), at + ", passes of record " + k);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aResumedSolveStopsAtTheIterationLimitEvenIfTheStateIsPastIt(int maxIter) {
    LocalEvaluator evaluator = evaluator();
    List<SolverState> states = new ArrayList<>();
    IterationListener saver = new IterationListener() {
      @Override
      public void onIteration(IterationRecord record, double[] x) {}

      @Override
      public void onAccepted(SolverState state) {
        states.add(state);
      }
    };
    new NewtonSolver(SolverConfig.defaults()).solve(evaluator, RandomProblems.gaussianVector(D, 6.0, 13), saver);
    assertTrue(states.size() > maxIter + 1, "the full solve takes more steps than the state's iterate");
    SolverState late = states.get(maxIter); // iterate maxIter + 1, not yet converged
    SolveResult r = new NewtonSolver(SolverConfig.defaults().withMaxIterations(maxIter))
        .resume(evaluator, late, IterationListener.NONE);
    assertEquals(Status.MAX_ITERATIONS, r.status(), r.message());
    assertEquals(late.iteration(), r.iterations());
  }
}
