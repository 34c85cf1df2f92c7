package org.attnreg.analysis.sensitivity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.SensitivityPass;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every residual bound the sensitivity job reports holds on random instances: many seeds, random
 * points (not only optima), perturbations from tiny to of the order of A itself.
 */
class SensitivityBoundsTest {
  private static final int SEEDS = 25;

  static List<String> families() {
    return LossFamilies.ids();
  }

  @ParameterizedTest
  @MethodSource("families")
  void residualShiftRespectsEveryBound(String id) {
    LossFamily family = LossFamilies.byId(id);
    for (long seed = 1; seed <= SEEDS; seed++) {
      int n = 20 + (int) (seed % 4) * 15;
      double[][] a = RandomProblems.gaussianRows(n, 4, 1.0 + 0.1 * (seed % 5), seed);
      double[] b = SensitivityInstances.targets(family, a, seed + 1000, 1.0);
      double[] x = RandomProblems.gaussianVector(4, 0.3 + 0.2 * (seed % 6), seed + 2000);
      PerturbedData data = SensitivityInstances.random(family, Regularizer.NONE, a, b, seed, seed % 2 == 0);
      EvaluatedPoint atA = SensitivityInstances.valueAt(data, x);
      SensitivityPass pass = data.sensitivity(x, atA.globals());
      for (double t : new double[] {1e-4, 1e-2, 1.0}) {
        ResidualCheck.ResidualMeasure m = ResidualCheck.measure(data, (org.attnreg.problem.Residuals) family, atA, pass, t);
        String what = id + " seed " + seed + " ‖E‖ = " + t + ": " + m;
        assertTrue(m.holds(), what);
        assertTrue(m.shift() <= m.lipschitzInZ() * m.exNorm() * (1 + 1e-9), what);
        assertTrue(m.ratio() <= m.bound() * (1 + 1e-9) && m.bound() <= m.aPriori() * (1 + 1e-9), what);
        assertTrue(m.ratio() > 0.0, what + ": the residual did not move, the check would be vacuous");
      }
    }
  }
}
