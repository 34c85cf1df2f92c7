package org.attnreg.analysis.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.stats.SensitivityPass;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code (∂_A∇L)[E]} from the one-pass sensitivity aggregate against central differences of the
 * exact gradient in A, for every family, with and without the regulariser (uniform or per-row), in random and explicit
 * directions, dense and sparse storage.
 */
class SensitivityDerivativesTest {
  private static final int N = 60;
  private static final int D = 5;
  /** Step in ‖E‖_F; ‖A‖_F ≈ √N. */
  private static final double STEP = 1e-5;
  private static final double TOLERANCE = 1e-6;

  static List<String> families() {
    return LossFamilies.ids();
  }

  private static List<Regularizer> regularizers() {
    return List.of(Regularizer.NONE, new Regularizer(0.09, 0.003));
  }

  /** Test points: x = 0 is a trap for some families (ReLU inactive, cosh stationary), so two random points. */
  private static double[][] points(long seed) {
    return new double[][] {RandomProblems.gaussianVector(D, 0.7, seed), RandomProblems.gaussianVector(D, 1.2, seed + 1)};
  }

  @ParameterizedTest
  @MethodSource("families")
  void randomDirectionMatchesFiniteDifferences(String id) {
    LossFamily family = LossFamilies.byId(id);
    for (long seed = 1; seed <= 2; seed++) {
      double[][] a = RandomProblems.gaussianRows(N, D, 1.0, seed);
      double[] b = SensitivityInstances.targets(family, a, seed + 100, 0.8);
      for (Regularizer reg : regularizers()) {
        for (double[] x : points(seed + 7)) {
          check(id + " seed " + seed + " " + reg, SensitivityInstances.random(family, reg, a, b, seed, seed == 2), x);
        }
      }
    }
  }

  /** W = diag(w_i): the weights belong to A's rows and stay with them as A moves along E. */
  @ParameterizedTest
  @MethodSource("families")
  void perRowWeightsMatchFiniteDifferences(String id) {
    LossFamily family = LossFamilies.byId(id);
    Regularizer reg = new Regularizer(1.0, 0.003);
    for (long seed = 1; seed <= 2; seed++) {
      double[][] a = RandomProblems.gaussianRows(N, D, 1.0, seed + 20);
      double[] b = SensitivityInstances.targets(family, a, seed + 120, 0.8);
      double[] w2 = RandomProblems.rowWeights2(N, 0.09, seed + 30);
      check(id + " seed " + seed + " per-row weights", SensitivityInstances.random(family, reg, a, b, w2, seed,
          seed == 2), points(seed + 40)[0]);
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void explicitDenseDirectionOnSparseStorageMatchesFiniteDifferences(String id) {
    LossFamily family = LossFamilies.byId(id);
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 5);
    for (int i = 0; i < N; i += 3) {
      a[i][i % D] = 0.0; // explicit zeros: E is dense where A is not
    }
    double[] b = SensitivityInstances.targets(family, a, 105, 0.8);
    double[][] e = RandomProblems.gaussianRows(N, D, 1.0, 6);
    Regularizer reg = new Regularizer(0.04, 0.0);
    check(id + " explicit E", SensitivityInstances.explicit(family, reg, a, b, e, true), points(9)[0]);
  }

  private static void check(String what, PerturbedData data, double[] x) {
    SensitivityPass pass = SensitivityInstances.passAt(data, x);
    double scale = Math.exp(pass.derivatives().logScale());
    double h = STEP / pass.rawNorm();
    double[] plus = SensitivityInstances.gradient(data, h, x);
    double[] minus = SensitivityInstances.gradient(data, -h, x);
    double size = 0.0;
    for (double v : pass.gradientInA()) {
      size = Math.max(size, Math.abs(v) * scale);
    }
    for (int j = 0; j < D; j++) {
      double exact = pass.gradientInA()[j] * scale;
      double fd = (plus[j] - minus[j]) / (2 * STEP);
      assertEquals(fd, exact, TOLERANCE * Math.max(1.0, size),
          what + " at x = " + java.util.Arrays.toString(x) + ", coordinate " + j + ": exact " + exact + ", FD " + fd);
    }
    assertTrue(size > 0.0, what + ": ∂_A∇L vanished, the test would be vacuous");
  }
}
