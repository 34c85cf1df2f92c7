package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnreg.problem.LossFamily;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.stats.Problem;
import org.attnreg.problem.Regularizer;
import org.attnreg.testkit.Distances;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.Test;

/** The planted generator's column scaling (--condition) and what Newton makes of the instances it gives. */
class PlantedInstanceTest {
  private static final int D = 8;

  private static double[] denseRow(PlantedInstance p, long i) {
    int[] columns = new int[p.d()];
    double[] values = new double[p.d()];
    int count = p.row(i, columns, values);
    double[] row = new double[p.d()];
    for (int k = 0; k < count; k++) {
      row[columns[k]] = values[k];
    }
    return row;
  }

  @Test
  void conditionScalesColumnJByKappaToTheMinusJOverDMinusOne() {
    PlantedInstance plain = new PlantedInstance("softmax", 100, D, 4, 0.0, 1.0, 1.0, 0);
    PlantedInstance alike = new PlantedInstance("softmax", 100, D, 4, 0.0, 1.0, 1.0, 0, 1.0);
    PlantedInstance spread = new PlantedInstance("softmax", 100, D, 4, 0.0, 1.0, 1.0, 0, 1e3);
    for (long i = 0; i < 100; i++) {
      double[] a = denseRow(plain, i);
      assertArrayEquals(a, denseRow(alike, i), 0.0, "condition 1 must leave the rows as they were");
      double[] scaled = denseRow(spread, i);
      for (int j = 0; j < D; j++) {
        double factor = Math.pow(1e3, -j / (double) (D - 1));
        assertEquals(a[j] * factor, scaled[j], 1e-15 * Math.abs(a[j]), "row " + i + ", column " + j);
      }
    }
    assertArrayEquals(plain.xStar(), spread.xStar(), 0.0, "x* does not depend on the condition");
    assertThrows(IllegalArgumentException.class,
        () -> new PlantedInstance("softmax", 100, D, 4, 0.0, 1.0, 1.0, 0, 0.5));
  }

  @Test
  void newtonRecoversThePlantedSolutionOfAnIllConditionedInstance() {
    PlantedInstance p = new PlantedInstance("exp", 4000, D, 6, 0.0, 1.0, 1.0, 0, 1e3);
    LossFamily family = p.lossFamily();
    double[][] a = new double[(int) p.n()][];
    for (int i = 0; i < a.length; i++) {
      a[i] = denseRow(p, i);
    }
    double[] xStar = p.xStar();
    double[] b = RandomProblems.plantedTargets(family, a, xStar);
    LocalEvaluator evaluator = LocalEvaluator.of(new Problem(family, Regularizer.NONE, D),
        RandomProblems.oneBlock(a, b, false));
    SolveResult r = FamilySolve.solve(new NewtonSolver(SolverConfig.defaults()), family, evaluator, null,
        IterationListener.NONE);
    assertTrue(r.converged(), r.status() + ": " + r.message());
    double error = Distances.relativeError(r.x(), xStar);
    assertTrue(error <= Tolerances.PLANTED_RECOVERY, "‖x − x*‖/‖x*‖ = " + error + " after " + r.iterations());
  }
}
