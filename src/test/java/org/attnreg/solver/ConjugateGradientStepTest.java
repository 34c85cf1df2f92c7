package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.attnreg.linalg.Vectors;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;

/** Preconditioned conjugate gradients for the Newton step, on matrices whose solution is known. */
class ConjugateGradientStepTest {
  private static final int D = 20;

  /** A random SPD matrix G Gᵀ + shift·I, row-major. */
  private static double[] spd(long seed, double shift) {
    double[][] g = RandomProblems.gaussianRows(D, D, 1.0, seed);
    double[] h = new double[D * D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        h[i * D + j] = RandomProblems.dot(g[i], g[j]) + (i == j ? shift : 0.0);
      }
    }
    return h;
  }

  private static double[] times(double[] h, double[] v) {
    double[] out = new double[D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        out[i] += h[i * D + j] * v[j];
      }
    }
    return out;
  }

  private static UnaryOperator<double[]> counted(double[] h, AtomicInteger calls) {
    return v -> {
      calls.incrementAndGet();
      return times(h, v);
    };
  }

  private static double relativeResidual(double[] h, double[] s, double[] g) {
    double[] r = times(h, s);
    for (int i = 0; i < D; i++) {
      r[i] = g[i] - r[i];
    }
    return Vectors.norm(r) / Vectors.norm(g);
  }

  @Test
  void theExactPreconditionerSolvesInOneProduct() {
    double[] h = spd(1, 0.1);
    double[] g = RandomProblems.gaussianVector(D, 1.0, 2);
    AtomicInteger calls = new AtomicInteger();
    ConjugateGradientStep.Result r = ConjugateGradientStep.solve(NewtonStep.factor(h, D), g, counted(h, calls), 1e-10, 20);
    assertEquals(1, r.products());
    assertEquals(1, calls.get());
    assertTrue(relativeResidual(h, r.step(), g) <= 1e-10, "residual " + relativeResidual(h, r.step(), g));
  }

  @Test
  void anApproximatePreconditionerReachesTheForcingTermInFewProducts() {
    double[] h = spd(3, 0.5);
    // the preconditioner: H with a perturbation of a few per cent, as a sketch would give
    double[] p = h.clone();
    double[] e = spd(4, 0.0);
    for (int k = 0; k < p.length; k++) {
      p[k] += 0.05 * e[k];
    }
    double[] g = RandomProblems.gaussianVector(D, 1.0, 5);
    for (double forcing : new double[] {1e-2, 1e-6, 1e-10}) {
      ConjugateGradientStep.Result r = ConjugateGradientStep.solve(NewtonStep.factor(p, D), g, counted(h, new AtomicInteger()),
          forcing, 50);
      double achieved = relativeResidual(h, r.step(), g);
      assertTrue(achieved <= forcing * (1 + 1e-6), "forcing " + forcing + ": residual " + achieved);
      assertEquals(r.relativeResidual(), achieved, 1e-6 * forcing + 1e-12, "the reported residual is the true one");
      assertTrue(r.products() <= D, "forcing " + forcing + ": " + r.products() + " products");
      assertTrue(Vectors.dot(g, r.step()) > 0, "a descent direction");
    }
  }

  @Test
  void theProductBudgetIsHonoured() {
    double[] h = spd(6, 1e-3);
    double[] identity = new double[D * D];
    for (int i = 0; i < D; i++) {
      identity[i * D + i] = 1.0;
    }
    double[] g = RandomProblems.gaussianVector(D, 1.0, 7);
    AtomicInteger calls = new AtomicInteger();
    ConjugateGradientStep.Result r = ConjugateGradientStep.solve(NewtonStep.factor(identity, D), g, counted(h, calls),
        1e-14, 3);
    assertEquals(3, r.products());
    assertEquals(3, calls.get());
    assertTrue(r.relativeResidual() > 1e-14 && r.relativeResidual() < 1.0, "some progress, not converged: "
        + r.relativeResidual());
    assertTrue(Vectors.dot(g, r.step()) > 0, "still a descent direction");
  }

  @Test
  void negativeCurvatureFallsBackToThePreconditionedStep() {
    double[] h = spd(8, 0.0);
    for (int k = 0; k < h.length; k++) {
      h[k] = -h[k]; // negative definite: the first direction has negative curvature
    }
    double[] p = spd(9, 1.0);
    double[] g = RandomProblems.gaussianVector(D, 1.0, 10);
    ConjugateGradientStep.Result r = ConjugateGradientStep.solve(NewtonStep.factor(p, D), g, counted(h, new AtomicInteger()),
        1e-8, 20);
    assertEquals(1, r.products());
    assertTrue(Double.isNaN(r.relativeResidual()));
    double[] expected = NewtonStep.factor(p, D).solve(g);
    for (int i = 0; i < D; i++) {
      assertEquals(expected[i], r.step()[i], 0.0);
    }
  }
}
