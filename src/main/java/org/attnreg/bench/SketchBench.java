package org.attnreg.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attnreg.problem.Regularizer;
import org.attnreg.sketch.Sketches;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolverConfig;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.Problem;

/**
 * Section "sketch": exact against sketched Hessians on planted softmax instances (exact targets, so
 * x* is the minimiser): seconds per derivative pass, and iterations, passes and seconds until
 * {@code ‖x − x*‖ ≤ 1e-8 ‖x*‖}, from the family's data-free start.
 */
final class SketchBench {
  static final String SECTION = "sketch";
  static final double ACCURACY = 1e-8;
  private final BenchContext ctx;

  SketchBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  void run() {
    for (int d : ctx.plan.sketchDims()) {
      Instances.Cached data = ctx.cache("softmax", ctx.plan.sketchRows(), d, 0.0, 1.0, ctx.cores());
      try {
        for (Map.Entry<String, Curvature> kind : kinds().entrySet()) {
          measure(data, "n=" + data.instance().n() + " d=" + d, kind.getKey(), kind.getValue());
        }
      } finally {
        data.release();
      }
    }
  }

  private static Map<String, Curvature> kinds() {
    Map<String, Curvature> m = new LinkedHashMap<>();
    m.put("exact", new ExactCurvature());
    m.put("sparse-sign eps=0.5", Sketches.create("sparse-sign", 0, 0.5, 1));
    m.put("leverage eps=0.5", Sketches.create("leverage", 0, 0.5, 1));
    return m;
  }

  private void measure(Instances.Cached data, String setting, String kind, Curvature curvature) {
    Timing pass = new PassTimer(ctx.sc, data).derivatives(ctx.plan.reps(), curvature);
    ctx.results.add(SECTION, kind, setting, "derivative pass seconds (median)", pass.median());
    ctx.results.add(SECTION, kind, setting, "derivative pass seconds (min)", pass.min());
    Problem problem = new Problem(data.instance().lossFamily(), Regularizer.NONE, data.instance().d());
    DistributedEvaluator ev = DistributedEvaluator.over(ctx.sc, data.blocks(), problem, "bench: ");
    SolveTrace trace = new SolveTrace(data.xStar(), 1);
    SolverConfig config = SolverConfig.defaults().withTolerance(1e-14).withMaxIterations(60);
    new NewtonSolver(config, curvature).solve(ev, FamilySolve.dataFreeStart(problem.family(), problem.d()), trace);
    int k = trace.firstWithinError(ACCURACY);
    SolveTrace.Point reached = k >= 0 ? trace.points().get(k) : null;
    ctx.results.add(SECTION, kind, setting, "iterations to 1e-8", k >= 0 ? k : Double.NaN);
    ctx.results.add(SECTION, kind, setting, "passes to 1e-8", reached != null ? reached.passes() : Double.NaN);
    ctx.results.add(SECTION, kind, setting, "seconds to 1e-8", reached != null ? reached.seconds() : Double.NaN);
    ctx.say("sketch %s %s: %.3f s per derivative pass, 1e-8 after %s iterations, %.2f s", setting, kind,
        pass.median(), k >= 0 ? k : "(not reached)", reached != null ? reached.seconds() : Double.NaN);
  }
}
