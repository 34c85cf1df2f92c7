package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.HyperbolicFunction;
import org.attnreg.problem.InverseLinkFit;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.Regularizer;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.Distances;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.Test;

class LeastSquaresStartTest {
  private static final int N = 300;
  private static final int D = 4;

  private static LocalEvaluator evaluator(double[][] a, double[] b, int blockRows, boolean sparse) {
    List<List<RowBlock>> parts = RandomProblems.partitions(a, b, blockRows, sparse);
    return new LocalEvaluator(new Problem(LossFamilies.byId("exp"), Regularizer.NONE, D), parts);
  }

  /** b_i = scale·f(a_i·x*), with some rows outside the range of the inverse. */
  private static double[] targets(double[][] a, double[] xStar, HyperbolicFunction f, double scale) {
    double[] b = new double[N];
    for (int i = 0; i < N; i++) {
      b[i] = scale * f.value(RandomProblems.dot(a[i], xStar));
    }
    return b;
  }

  @Test
  void exactTargetsGiveTheExactFitWhateverTheBlocking() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 41);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 42);
    double[] b = targets(a, xStar, HyperbolicFunction.SINH, 1.0);
    InverseLinkFit fit = new InverseLinkFit(HyperbolicFunction.SINH, false);
    for (int blockRows : new int[] {1, 37, N}) {
      for (boolean sparse : new boolean[] {false, true}) {
        double[] x = FamilySolve.leastSquaresStart(evaluator(a, b, blockRows, sparse), fit);
        assertTrue(Distances.relativeError(x, xStar) <= Tolerances.EXACT_FIT,
            "blocks of " + blockRows + ": error " + Distances.relativeError(x, xStar));
      }
    }
  }

  @Test
  void aFreeConstantAbsorbsTheNormalisationAndUndefinedRowsAreLeftOut() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 43);
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 44);
    double[] b = targets(a, xStar, HyperbolicFunction.EXP, 1e-3);
    for (int i = 0; i < N; i += 5) {
      b[i] = -1.0; // log b undefined: must not enter the fit
    }
    double[] x = FamilySolve.leastSquaresStart(evaluator(a, b, 50, false), new InverseLinkFit(HyperbolicFunction.EXP, true));
    assertTrue(Distances.relativeError(x, xStar) <= Tolerances.EXACT_FIT,
        "error " + Distances.relativeError(x, xStar));
    double[] without = FamilySolve.leastSquaresStart(evaluator(a, b, 50, false), new InverseLinkFit(HyperbolicFunction.EXP, false));
    assertTrue(Distances.relativeError(without, xStar) > 1e-3, "the constant log 1e-3 must matter without c");
  }

  @Test
  void noRowWithATargetGivesNoFit() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 45);
    double[] b = new double[N]; // acosh is undefined below 1
    assertNull(FamilySolve.leastSquaresStart(evaluator(a, b, 50, false), new InverseLinkFit(HyperbolicFunction.COSH, false)));
  }
}
