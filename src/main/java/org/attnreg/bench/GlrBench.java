package org.attnreg.bench;

import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;

/**
 * Section "glr": exp regression {@code min ½‖exp(Ax) − b‖²} by our damped Newton and by Spark ML's
 * {@code GeneralizedLinearRegression(gaussian, log, no intercept)} (IRLS, i.e. Gauss–Newton, from
 * {@code log b}), on the same cached rows. Fair terms: both start from the data (our least-squares
 * fit of {@code Ax ≈ log b}, GLR's {@code log y}), both read cached data, both losses are evaluated
 * by the same value pass, and our time is taken to the first iterate whose loss is as low as GLR's
 * final one.
 */
final class GlrBench {
  static final String SECTION = "glr";
  /** Additive noise on b: small enough that every label stays positive, as GLR requires. */
  static final double NOISE = 0.01;
  /** Margins have standard deviation about 0.5, so exp(z) stays far above the noise. */
  static final double X_SCALE = 0.5;
  private final BenchContext ctx;
  private final JobCounter jobs;

  GlrBench(BenchContext ctx, JobCounter jobs) {
    this.ctx = ctx;
    this.jobs = jobs;
  }

  void run() {
    warmUp();
    for (long n : ctx.plan.glrRows()) {
      Instances.Cached data = ctx.cache("exp", n, ctx.plan.glrDim(), NOISE, X_SCALE, ctx.cores());
      Dataset<Row> df = Instances.dataFrame(ctx.spark, data.blocks(), data.instance().d());
      try {
        compare(data, df, "n=" + n + " d=" + data.instance().d(), true);
      } finally {
        df.unpersist(true);
        data.release();
      }
    }
  }

  /** Both solvers once on a small instance, untimed, so that neither pays for JIT compilation. */
  private void warmUp() {
    Instances.Cached data = ctx.cache("exp", 20_000, ctx.plan.glrDim(), NOISE, X_SCALE, ctx.cores());
    Dataset<Row> df = Instances.dataFrame(ctx.spark, data.blocks(), data.instance().d());
    compare(data, df, "warm-up", false);
    df.unpersist(true);
    data.release();
  }

  private void compare(Instances.Cached data, Dataset<Row> df, String setting, boolean record) {
    Problem problem = new Problem(data.instance().lossFamily(), Regularizer.NONE, data.instance().d());
    DistributedEvaluator ev = DistributedEvaluator.over(ctx.sc, data.blocks(), problem, "bench: ");
    long t0 = System.nanoTime();
    JobCounter.Counted<GeneralizedLinearRegressionModel> glr = jobs.count("glr", () -> fitGlr(df));
    double glrSeconds = (System.nanoTime() - t0) * 1e-9;
    double[] glrX = glr.value().coefficients().toArray();
    double glrLoss = ev.values(LineBatch.at(glrX), 0)[0].loss();
    SolveTrace trace = new SolveTrace(data.xStar(), 2);
    JobCounter.Counted<SolveResult> ours = jobs.count("newton", () -> FamilySolve.solve(
        new NewtonSolver(SolverConfig.defaults()), problem.family(), ev, null, trace));
    double oursSeconds = trace.points().isEmpty() ? Double.NaN : trace.points().get(trace.points().size() - 1).seconds();
    if (!record) {
      return;
    }
    SolveTrace.Point same = trace.firstWithLoss(glrLoss);
    double toSame = same != null ? same.seconds() : Double.NaN;
    add(setting, "spark GLR (IRLS)", glrSeconds, glr.value().summary().numIterations(), glr.jobs(), glrLoss,
        SolveTrace.relativeError(glrX, data.xStar()));
    add(setting, "attnreg Newton", oursSeconds, ours.value().iterations(), ours.jobs(), ours.value().loss(),
        SolveTrace.relativeError(ours.value().x(), data.xStar()));
    ctx.results.add(SECTION, "attnreg Newton", setting, "seconds to GLR's final loss", toSame);
    ctx.results.add(SECTION, "attnreg Newton", setting, "speed-up over GLR to the same loss", glrSeconds / toSame);
    ctx.say("glr %s: GLR %.2f s (%d it, %d jobs), attnreg %.2f s to the same loss, %.2f s converged (%d passes)",
        setting, glrSeconds, glr.value().summary().numIterations(), glr.jobs(), toSame, oursSeconds, ours.jobs());
  }

  private void add(String setting, String subject, double seconds, int iterations, int passes, double loss,
      double relErr) {
    ctx.results.add(SECTION, subject, setting, "seconds", seconds);
    ctx.results.add(SECTION, subject, setting, "iterations", iterations);
    ctx.results.add(SECTION, subject, setting, "spark jobs (passes)", passes);
    ctx.results.add(SECTION, subject, setting, "final loss", loss);
    ctx.results.add(SECTION, subject, setting, "relative error to x*", relErr);
  }

  static GeneralizedLinearRegressionModel fitGlr(Dataset<Row> df) {
    return fitGlr(df, 25, 1e-6);
  }

  /** GLR as this section fits it (and {@code glr-fit} too): gaussian family, log link, no intercept. */
  static GeneralizedLinearRegressionModel fitGlr(Dataset<Row> df, int maxIter, double tol) {
    return new GeneralizedLinearRegression().setFamily("gaussian").setLink("log").setFitIntercept(false)
        .setMaxIter(maxIter).setTol(tol).fit(df);
  }
}
