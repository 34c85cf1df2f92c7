package org.attnreg.analysis.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolverConfig;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;

/**
 * The first-order prediction {@code −H⁻¹(∂_A∇L)[E]} against the warm-started re-solve at A + E: on
 * planted instances it matches to 3 digits at {@code ‖E‖_F = 1e-4‖A‖_F}, and the disagreement
 * shrinks linearly with ‖E‖ (the neglected term is second order).
 */
class SensitivityFirstOrderTest {

  private static SensitivityReport study(LossFamily family, Regularizer reg, double[][] a, double[] b, double[] norms) {
    LocalPerturbedData data = SensitivityInstances.random(family, reg, a, b, 42, false);
    NewtonSolver solver = new NewtonSolver(SolverConfig.defaults());
    return new SensitivityStudy(solver, IterationListener.NONE).run(data, family, null, norms, row -> { });
  }

  private static double frobenius(double[][] a) {
    double s = 0.0;
    for (double[] row : a) {
      s += RandomProblems.dot(row, row);
    }
    return Math.sqrt(s);
  }

  private static void assertFirstOrder(String what, SensitivityReport r) {
    assertTrue(r.solve().converged(), what + ": base solve " + r.solve().message());
    SensitivityRow small = r.rows().get(0);
    SensitivityRow larger = r.rows().get(1);
    assertTrue(small.measuredShift() > 0.0, what + ": the solution did not move");
    assertEquals(small.measuredShift(), small.predictedShift(), 1e-3 * small.measuredShift(), what + " at small ‖E‖");
    assertTrue(small.disagreement() < 1e-3, what + ": disagreement " + small.disagreement());
    // Second order: ten times the perturbation, about ten times the relative disagreement.
    double growth = larger.disagreement() / small.disagreement();
    assertTrue(growth > 3 && growth < 30, what + ": disagreement grew by " + growth + " over a decade of ‖E‖");
    assertTrue(r.allBoundsHold(), what + ": " + r.rows());
  }

  /** maths.md §10.1: n = 50, d = 5, b ~ Dirichlet(1), w = 0.3, rescaled exp. */
  @Test
  void regularisedRescaledExp() {
    double[][] a = RandomProblems.gaussianRows(50, 5, 1.0, 3);
    double[] b = dirichlet(50, 4);
    double t = 1e-4 * frobenius(a);
    SensitivityReport r = study(LossFamilies.byId("rescaled-exp"), Regularizer.of(0.3, 0.0), a, b,
        new double[] {t, 10 * t});
    assertFirstOrder("regularised rescaled exp", r);
  }

  @Test
  void plantedSoftmax() {
    double[][] a = RandomProblems.gaussianRows(200, 5, 1.0, 5);
    LossFamily family = LossFamilies.byId("softmax");
    double[] b = SensitivityInstances.targets(family, a, 6, 1.0);
    double t = 1e-4 * frobenius(a);
    assertFirstOrder("planted softmax", study(family, Regularizer.NONE, a, b, new double[] {t, 10 * t}));
  }

  @Test
  void plantedExp() {
    double[][] a = RandomProblems.gaussianRows(200, 5, 1.0, 7);
    LossFamily family = LossFamilies.byId("exp");
    double[] b = SensitivityInstances.targets(family, a, 8, 0.5);
    double t = 1e-4 * frobenius(a);
    assertFirstOrder("planted exp", study(family, Regularizer.NONE, a, b, new double[] {t, 10 * t}));
  }

  /** Dirichlet(1, …, 1): normalised standard exponentials. */
  static double[] dirichlet(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] b = new double[n];
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      b[i] = -Math.log(1.0 - rnd.nextDouble());
      sum += b[i];
    }
    for (int i = 0; i < n; i++) {
      b[i] /= sum;
    }
    return b;
  }
}
