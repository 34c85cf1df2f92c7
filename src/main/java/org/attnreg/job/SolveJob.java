package org.attnreg.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.LoadedData;
import org.attnreg.linalg.Blas;
import org.attnreg.solver.DiagnosingEvaluator;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Problem;

/** Solves one loaded instance on Spark and describes the outcome for the summary. */
public final class SolveJob {
  private SolveJob() {}

  /**
   * A finished solve, the summary that describes it, and any extra per-iteration trace columns
   * (name → iteration → value) from {@link TraceDiagnostics}.
   */
  public record Outcome(SolveResult result, Map<String, Object> summary, Map<String, Map<Integer, Double>> traceColumns) {}

  /**
   * @param x0 the user's starting point (length d), or null for the family's default start
   * @param jobPrefix prefix of the Spark job descriptions (e.g. the instance name in a batch)
   */
  public static Outcome run(SparkSession spark, LoadedData data, SolveOptions options, double[] x0,
      String jobPrefix, IterationListener listener) {
    return run(spark, data, options, x0, jobPrefix, listener, TraceDiagnostics.NONE);
  }

  /** As {@link #run(SparkSession, LoadedData, SolveOptions, double[], String, IterationListener)}, with diagnostics. */
  public static Outcome run(SparkSession spark, LoadedData data, SolveOptions options, double[] x0,
      String jobPrefix, IterationListener listener, TraceDiagnostics diagnostics) {
    Setup setup = Setup.of(spark, data, options, jobPrefix, diagnostics, listener);
    SolveResult result = FamilySolve.solve(setup.solver(), options.lossFamily(), setup.evaluator(), x0,
        setup.listener());
    return setup.outcome(data, options, result);
  }

  /**
   * Everything one distributed solve runs with: the evaluator (wrapped for {@code --diagnose}), the
   * solver, the curvature and a listener that also records the iterates for the diagnostics. Fresh
   * solves and resumed ones ({@link CheckpointedSolve}) are built the same way.
   */
  record Setup(Evaluator evaluator, DiagnosingEvaluator diagnosing, NewtonSolver solver, Curvature curvature,
      IterationListener listener, TraceDiagnostics.IterationRecordTap tap, TraceDiagnostics diagnostics,
      String master, long startNanos) {

    static Setup of(SparkSession spark, LoadedData data, SolveOptions options, String jobPrefix,
        TraceDiagnostics diagnostics, IterationListener listener) {
      long start = System.nanoTime();
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Problem problem = new Problem(options.lossFamily(), options.regularizer(data.rowWeighted()), data.d());
      Curvature curvature = options.curvature(data.n(), data.d(), data.nnz());
      MemoryPreflight.check(spark.sparkContext(), data, options, curvature); // refuses before any pass allocates
      Evaluator distributed = DistributedEvaluator.over(sc, data.blocks(), problem, jobPrefix);
      DiagnosingEvaluator diagnosing = diagnostics.hessianError() ? new DiagnosingEvaluator(distributed) : null;
      TraceDiagnostics.IterationRecordTap tap = TraceDiagnostics.tap();
      NewtonSolver solver = new NewtonSolver(options.solverConfig(), curvature);
      return new Setup(diagnosing != null ? diagnosing : distributed, diagnosing, solver, curvature,
          tap.forwardingTo(listener), tap, diagnostics, sc.master(), start);
    }

    Outcome outcome(LoadedData data, SolveOptions options, SolveResult result) {
      double seconds = (System.nanoTime() - startNanos) * 1e-9;
      Map<Integer, Double> errors = diagnosing != null ? diagnosing.hessianErrors() : Map.of();
      Map<String, Map<Integer, Double>> columns = diagnostics.columns(errors, tap.iterates);
      Map<String, Object> summary = summary(data, options, curvature, result, seconds, master);
      summary.putAll(TraceDiagnostics.summaryOf(columns));
      return new Outcome(result, summary, columns);
    }
  }

  static Map<String, Object> summary(LoadedData data, SolveOptions options, Curvature curvature, SolveResult r,
      double seconds, String master) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", options.family());
    m.put("n", data.n());
    m.put("d", data.d());
    m.put("nnz", data.nnz());
    m.put("partitions", data.partitions());
    m.put("status", r.status().label());
    m.put("message", r.message());
    m.put("iterations", r.iterations());
    m.put("loss", r.loss());
    m.put("gradient_norm", r.gradientNorm());
    m.put("x", r.x());
    m.put("seconds", seconds);
    m.put("value_passes", r.valuePasses());
    m.put("derivative_passes", r.derivativePasses());
    m.put("warnings", r.warnings());
    m.put("hessian", curvature.id());
    m.put("options", options.asMap());
    m.put("row_weights", data.rowWeighted()); // W = diag(w_i) from the input's weight column
    m.put("input", Map.of("files", data.files(), "fingerprint", data.fingerprint()));
    m.put("spark_master", master);
    m.put("blas", Blas.describe());
    return m;
  }
}
