package org.attnreg.bench;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.problem.Globals;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.SolverConfig;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;

/**
 * Times the two passes of a Newton iteration on cached data, as the solver runs them: a value pass
 * scoring a full line search (the solver's default number of candidate steps at once) and a
 * derivative pass, both near x* (where a solve spends its last iterations).
 */
final class PassTimer {
  private final Instances.Cached data;
  private final Problem problem;
  private final DistributedEvaluator evaluator;
  private final LineBatch batch;
  private final double[] x;
  private final Globals globals;

  PassTimer(JavaSparkContext sc, Instances.Cached data) {
    this.data = data;
    this.problem = new Problem(data.instance().lossFamily(), Regularizer.NONE, data.instance().d());
    this.evaluator = DistributedEvaluator.over(sc, data.blocks(), problem, "bench: ");
    this.x = perturbed(data.xStar(), 0.01, 11);
    this.batch = new LineBatch(x, perturbed(new double[x.length], 0.01, 12), steps());
    this.globals = evaluator.values(LineBatch.at(x), 0)[0].globals();
  }

  Problem problem() {
    return problem;
  }

  LineBatch batch() {
    return batch;
  }

  double[] x() {
    return x;
  }

  Globals globals() {
    return globals;
  }

  Timing values(int reps) {
    return Timing.of(1, reps, () -> evaluator.values(batch, 0));
  }

  Timing derivatives(int reps, Curvature curvature) {
    return Timing.of(1, reps, () -> evaluator.derivatives(x, globals, 0, curvature));
  }

  /** The solver's line-search candidates 1, ½, …, one value pass's worth. */
  static double[] steps() {
    double[] t = new double[SolverConfig.DEFAULT_LINE_SEARCH_STEPS];
    for (int k = 0; k < t.length; k++) {
      t[k] = Math.scalb(1.0, -k);
    }
    return t;
  }

  static double[] perturbed(double[] base, double scale, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] p = base.clone();
    for (int j = 0; j < p.length; j++) {
      p[j] += scale * (2.0 * rnd.nextDouble() - 1.0);
    }
    return p;
  }

  Instances.Cached data() {
    return data;
  }
}
