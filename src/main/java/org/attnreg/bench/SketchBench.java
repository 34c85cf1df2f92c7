package org.attnreg.bench;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.job.SolveOptions;
import org.attnreg.linalg.GramKernelChoice;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.linalg.GramKernelMode;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.Regularizer;
import org.attnreg.sketch.HessianChoice;
import org.attnreg.sketch.Sketches;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.spark.DriverPasses;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.Problem;

/**
 * Section "sketch": {@code --hessian exact} against {@code --hessian auto} with the default sketch
 * options, on planted softmax instances, each solve from the family's data-free start to the
 * default relative gradient tolerance: iterations, passes, seconds per derivative and value pass,
 * seconds to tolerance, the final distance to the exact solve's x, the ratio exact ÷ auto and auto ÷
 * the better of exact and the default sketch. The solves alternate on the same cached data (auto, the
 * choice auto did not make, auto), so a loaded machine slows both alike.
 */
final class SketchBench {
  static final String SECTION = "sketch";
  static final String EXACT_OVER_AUTO = "seconds to tolerance, exact ÷ auto (auto: mean of its two runs)";
  static final String AUTO_OVER_BETTER = "seconds to tolerance, auto ÷ the better of exact and the sketch";
  static final String TARGET = "target: exact ÷ auto at least";
  private final BenchContext ctx;

  SketchBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  void run() {
    for (BenchPlan.SketchCase c : ctx.plan.sketchCases()) {
      Instances.Cached data = ctx.cache(c.family(), c.n(), c.d(), c.noise(), 1.0, 1.0, c.density(), ctx.cores());
      try {
        compare(data, c.setting());
        ctx.results.add(SECTION, "target", c.setting(), TARGET, c.target());
      } finally {
        data.release();
      }
    }
  }

  /**
   * auto, exact, auto: the exact solve bracketed by two sketched ones, so that a change in the
   * machine's load during the long exact solve shows as a difference between the two auto timings.
   */
  private void compare(Instances.Cached data, String setting) {
    long n = data.instance().n();
    int d = data.instance().d();
    Curvature sketch = Sketches.create(SolveOptions.DEFAULT_SKETCH, 0, SolveOptions.DEFAULT_EPSILON, 1);
    // the exact Gram runs on the kernel a solve's --gram-kernel auto would pick (native dsyrk where a
    // native BLAS is loaded and faster), as a user's exact solve does
    ExactCurvature exactCurvature = new ExactCurvature(
        GramKernelChoice.forSolve(GramKernelMode.AUTO, d, GramKernelLoader.SYSTEM).kernel());
    Curvature chosen = HessianChoice.select("auto", sketch, new HessianChoice.Shape(n, d,
        Math.round(n * (double) d * data.instance().density()), ctx.cores()))
        .curvature();
    boolean autoIsExact = chosen instanceof ExactCurvature;
    Curvature auto = autoIsExact ? exactCurvature : chosen;
    String autoKind = "auto: " + auto.id();
    // the solve bracketed by two auto runs is the choice auto did not make; where auto is exact, the
    // sketch runs once against it, so that every case shows both choices
    Run before = solve(data, auto);
    say(setting, autoKind + " (first)", before, null);
    Run exact = autoIsExact ? before : solve(data, exactCurvature);
    record(setting, "exact", exact, exact.x);
    Run sketched = autoIsExact ? solve(data, sketch) : null;
    if (sketched != null) {
      record(setting, "sketch: " + sketch.id(), sketched, exact.x);
    }
    Run after = solve(data, auto);
    record(setting, autoKind, after, exact.x);
    double autoSeconds = 0.5 * (before.seconds + after.seconds);
    double sketchSeconds = autoIsExact ? sketched.seconds : autoSeconds;
    double exactSeconds = autoIsExact ? autoSeconds : exact.seconds;
    double ratio = exactSeconds / autoSeconds;
    double ofBest = autoSeconds / Math.min(exactSeconds, sketchSeconds);
    ctx.results.add(SECTION, autoKind, setting, EXACT_OVER_AUTO, ratio);
    ctx.results.add(SECTION, autoKind, setting, AUTO_OVER_BETTER, ofBest);
    ctx.say("sketch %s: auto %.2f s and %.2f s, exact %.2f s, sketch %.2f s: exact ÷ auto = %.2f, auto ÷ better = %.2f",
        setting, before.seconds, after.seconds, exactSeconds, sketchSeconds, ratio, ofBest);
  }

  private void record(String setting, String kind, Run run, double[] exactX) {
    ctx.results.add(SECTION, kind, setting, "iterations", run.result.iterations());
    ctx.results.add(SECTION, kind, setting, "passes", run.result.valuePasses() + run.result.derivativePasses());
    ctx.results.add(SECTION, kind, setting, "derivative pass seconds (median)", median(run.derivativeSeconds));
    ctx.results.add(SECTION, kind, setting, "value pass seconds (median)", median(run.valueSeconds));
    ctx.results.add(SECTION, kind, setting, "seconds to tolerance", run.seconds);
    ctx.results.add(SECTION, kind, setting, "‖x − x_exact‖/‖x_exact‖", distance(run.x, exactX));
    say(setting, kind, run, exactX);
  }

  private void say(String setting, String kind, Run run, double[] exactX) {
    ctx.say("sketch %s %s: %d iterations, %d passes, %.3f s per derivative pass, %.3f s per value pass, %.2f s,"
        + " ‖x − x_exact‖/‖x_exact‖ = %.2e (%s)", setting, kind, run.result.iterations(),
        run.result.valuePasses() + run.result.derivativePasses(), median(run.derivativeSeconds),
        median(run.valueSeconds), run.seconds, exactX == null ? Double.NaN : distance(run.x, exactX),
        run.result.status());
  }

  private static double distance(double[] x, double[] exactX) {
    return Vectors.norm(Vectors.minus(x, exactX)) / Vectors.norm(exactX);
  }

  private Run solve(Instances.Cached data, Curvature curvature) {
    Problem problem = new Problem(data.instance().lossFamily(), Regularizer.NONE, data.instance().d());
    // where a user's solve on this master runs its passes (on the driver, over the cached blocks, on a local one)
    Evaluator ev = DriverPasses.place(ctx.sc, data.blocks(), problem, "bench: ", DriverPasses.Mode.AUTO, 0)
        .evaluator();
    List<Double> derivative = new ArrayList<>();
    List<Double> value = new ArrayList<>();
    IterationListener timing = (IterationRecord record, double[] x) -> {
      if (record.passes() > record.valuePasses()) { // a derivative pass of its own, not one fused into a value pass
        derivative.add(record.derivativeSeconds());
      }
      value.add(record.valueSeconds() / Math.max(1, record.valuePasses()));
      ctx.say("  %s iteration %d: loss %.6e, ‖∇L‖ %.3e, step %.3g, derivative pass %.2f s, %d value passes %.2f s",
          curvature.id(), record.iteration(), record.loss(), record.gradientNorm(), record.stepSize(),
          record.derivativeSeconds(), record.valuePasses(), record.valueSeconds());
    };
    long start = System.nanoTime();
    SolveResult result = new NewtonSolver(SolverConfig.defaults().withMaxIterations(100), curvature)
        .solve(ev, FamilySolve.dataFreeStart(problem.family(), problem.d()), timing);
    return new Run(result, result.x(), (System.nanoTime() - start) * 1e-9, derivative, value);
  }

  private static double median(List<Double> values) {
    List<Double> finite = values.stream().filter(Double::isFinite).sorted().toList();
    return finite.isEmpty() ? Double.NaN : finite.get(finite.size() / 2);
  }

  private record Run(SolveResult result, double[] x, double seconds, List<Double> derivativeSeconds,
      List<Double> valueSeconds) {}
}
