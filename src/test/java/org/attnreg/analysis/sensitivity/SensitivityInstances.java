package org.attnreg.analysis.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.SensitivityPass;
import org.attnreg.testkit.RandomProblems;

/** Small seeded instances for the sensitivity tests, held locally in uneven partitions. */
final class SensitivityInstances {
  private SensitivityInstances() {}

  /** A with random E (seed), in blocks of 13 rows, dense or sparse storage. */
  static LocalPerturbedData random(LossFamily family, Regularizer reg, double[][] a, double[] b, long seed,
      boolean sparse) {
    return random(family, reg, a, b, null, seed, sparse);
  }

  /** As above, the rows carrying their own squared regulariser weights {@code w2} (null: none). */
  static LocalPerturbedData random(LossFamily family, Regularizer reg, double[][] a, double[] b, double[] w2,
      long seed, boolean sparse) {
    Problem problem = new Problem(family, reg, a[0].length);
    return LocalPerturbedData.random(problem, RandomProblems.partitions(a, b, w2, 13, sparse), seed);
  }

  /** A paired with an explicit E (rows of the same length), in blocks of 13 rows. */
  static LocalPerturbedData explicit(LossFamily family, Regularizer reg, double[][] a, double[] b, double[][] e,
      boolean sparseA) {
    Problem problem = new Problem(family, reg, a[0].length);
    List<List<RowBlock>> pa = RandomProblems.partitions(a, b, 13, sparseA);
    List<List<RowBlock>> pe = RandomProblems.partitions(e, new double[e.length], 13, false);
    List<List<BlockPair>> pairs = new ArrayList<>();
    for (int k = 0; k < pa.size(); k++) {
      pairs.add(List.of(new BlockPair(pa.get(k).get(0), pe.get(k).get(0))));
    }
    return new LocalPerturbedData(problem, pairs);
  }

  static EvaluatedPoint valueAt(PerturbedData data, double[] x) {
    return data.original().values(LineBatch.at(x), 0)[0];
  }

  static SensitivityPass passAt(PerturbedData data, double[] x) {
    return data.sensitivity(x, valueAt(data, x).globals());
  }

  /** ∇L at true scale over A + t·E_raw. */
  static double[] gradient(PerturbedData data, double t, double[] x) {
    var ev = data.perturbed(t);
    EvaluatedPoint p = ev.values(LineBatch.at(x), 0)[0];
    var der = ev.derivatives(x, p.globals(), 0, new org.attnreg.stats.ExactCurvature());
    double s = Math.exp(der.logScale());
    double[] g = der.gradient().clone();
    for (int j = 0; j < g.length; j++) {
      g[j] *= s;
    }
    return g;
  }

  /** Targets planted at a random point (seed), so every family's b is in its range. */
  static double[] targets(LossFamily family, double[][] a, long seed, double scale) {
    double[] xp = RandomProblems.gaussianVector(a[0].length, scale, seed);
    return RandomProblems.plantedTargets(family, a, xp);
  }
}
