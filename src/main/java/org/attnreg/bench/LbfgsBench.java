package org.attnreg.bench;

import breeze.linalg.DenseVector;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.Problem;

/**
 * Section "lbfgs": our damped Newton against Breeze's L-BFGS (history 10, the optimiser Spark ML
 * uses) on the same loss, cached rows and starting point (the family's data-free start), each to
 * the same relative gradient tolerance. L-BFGS spends one pass per function evaluation (our
 * one-pass loss and gradient, {@link GradientPass}); Newton spends a derivative pass and a value
 * pass per iteration. Both are counted as Spark jobs. Each family runs twice: on isotropic rows, where
 * L-BFGS is at its best, and with column scales spread over [1/κ, 1] (cond(A) ≈ κ), as real features
 * are, where its iteration count grows with the conditioning and Newton's does not.
 */
record LbfgsBench(BenchContext ctx, JobCounter jobs, Curves curves) {
  static final String SECTION = "lbfgs";
  static final double TOLERANCE = 1e-7;
  static final int MAX_EVALUATIONS = 1000;
  /** The metric that says whether a run reached {@link #TOLERANCE}. */
  static final String REACHED = "reached tolerance (1 = yes)";
  /** κ of the ill-conditioned instances. */
  static final double CONDITION = 100.0;

  void run() {
    long n = ctx.plan.lbfgsRows();
    // Softmax targets are ~1/n; noise of a tenth of that keeps the instance noisy but solvable.
    for (double condition : new double[] {1.0, CONDITION}) {
      compare("softmax", n, 0.1 / n, 1.0, condition);
      compare("exp", n, GlrBench.NOISE, GlrBench.X_SCALE, condition);
    }
  }

  private void compare(String family, long n, double noise, double xScale, double condition) {
    Instances.Cached data = ctx.cache(family, n, ctx.plan.glrDim(), noise, xScale, condition, ctx.cores());
    try {
      String setting = family + " n=" + n + " d=" + data.instance().d()
          + (condition > 1.0 ? String.format(java.util.Locale.ROOT, " cond(A)≈%.0f", condition) : "");
      Problem problem = new Problem(data.instance().lossFamily(), Regularizer.NONE, data.instance().d());
      double[] x0 = FamilySolve.dataFreeStart(problem.family(), problem.d());
      newton(data, problem, x0, setting, false); // warm-up
      lbfgs(data, problem, x0, setting, 5, false);
      newton(data, problem, x0, setting, true);
      lbfgs(data, problem, x0, setting, MAX_EVALUATIONS, true);
      double newtonPasses = ctx.results.value(SECTION, "attnreg Newton", setting, "passes");
      double lbfgsPasses = ctx.results.value(SECTION, "breeze L-BFGS", setting, "passes");
      ctx.results.add(SECTION, "attnreg Newton", setting, "fewer passes than L-BFGS (x)", lbfgsPasses / newtonPasses);
      ctx.results.add(SECTION, "attnreg Newton", setting, "speed-up over L-BFGS",
          ctx.results.value(SECTION, "breeze L-BFGS", setting, "seconds")
              / ctx.results.value(SECTION, "attnreg Newton", setting, "seconds"));
    } finally {
      data.release();
    }
  }

  private void newton(Instances.Cached data, Problem problem, double[] x0, String setting, boolean record) {
    DistributedEvaluator ev = DistributedEvaluator.over(ctx.sc, data.blocks(), problem, "bench: ");
    SolveTrace trace = new SolveTrace(data.xStar(), 1);
    NewtonSolver solver = new NewtonSolver(SolverConfig.defaults().withTolerance(TOLERANCE));
    JobCounter.Counted<SolveResult> r = jobs.count("newton", () -> solver.solve(ev, x0, trace));
    if (record) {
      add(setting, "attnreg Newton", trace, r.value().converged(), r.value().iterations(), r.jobs());
    }
  }

  private void lbfgs(Instances.Cached data, Problem problem, double[] x0, String setting, int maxEvaluations,
      boolean record) {
    SolveTrace trace = new SolveTrace(data.xStar(), 0);
    BreezeObjective objective = new BreezeObjective(new GradientPass(ctx.sc, data.blocks(), problem), trace);
    // Breeze's own stopping rules are switched off (tolerance 0); the loop below applies ours.
    LBFGS<DenseVector<Object>> lbfgs = new LBFGS<>(Integer.MAX_VALUE, 10, 0.0, DenseVector.space_Double());
    int[] iterations = {0};
    boolean[] converged = {false};
    JobCounter.Counted<Integer> r = jobs.count("lbfgs", () -> {
      scala.collection.Iterator<FirstOrderMinimizer.State<DenseVector<Object>, Object, Object>> states =
          lbfgs.iterations(objective.asDiffFunction(), new DenseVector<Object>(x0.clone()));
      while (states.hasNext() && objective.calls() < maxEvaluations) {
        FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state = states.next();
        iterations[0] = state.iter();
        double relative = Math.sqrt(dot(state.grad())); // the objective is scaled by 1/‖∇L(x₀)‖
        if (relative <= TOLERANCE || state.searchFailed()) {
          converged[0] = relative <= TOLERANCE;
          break;
        }
      }
      return objective.calls();
    });
    if (record) {
      add(setting, "breeze L-BFGS", trace, converged[0], iterations[0], r.jobs());
    }
  }

  private static double dot(DenseVector<Object> v) {
    double[] a = BreezeObjective.toArray(v);
    return BreezeObjective.dot(a, a);
  }

  private void add(String setting, String subject, SolveTrace trace, boolean converged, int iterations, int passes) {
    SolveTrace.Point last = trace.points().get(trace.points().size() - 1);
    ctx.results.add(SECTION, subject, setting, "seconds", last.seconds());
    ctx.results.add(SECTION, subject, setting, "iterations", iterations);
    ctx.results.add(SECTION, subject, setting, "passes", passes);
    ctx.results.add(SECTION, subject, setting, REACHED, converged ? 1 : 0);
    ctx.results.add(SECTION, subject, setting, "final loss", last.loss());
    ctx.results.add(SECTION, subject, setting, "relative error to x*", last.relativeError());
    curves.add("convergence " + setting, subject, trace);
    ctx.say("lbfgs %s %s: %.2f s, %d passes, %d iterations, converged %s", setting, subject, last.seconds(), passes,
        iterations, converged);
  }
}
