package org.attnreg.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.LoadedData;
import org.attnreg.linalg.Blas;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.output.Checkpoint;
import org.attnreg.sketch.HessianChoice;
import org.attnreg.solver.DiagnosingEvaluator;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.spark.DriverPasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Problem;

/** Solves one loaded instance on Spark and describes the outcome for the summary. */
public final class SolveJob {
  private static final Logger LOG = LoggerFactory.getLogger(SolveJob.class);
  private SolveJob() {}

  /**
   * A finished solve, the summary that describes it, any extra per-iteration trace columns
   * (name → iteration → value) from {@link TraceDiagnostics}, and what the user should know about the
   * run before its result (an earlier checkpoint moved aside, a layout change on resume).
   */
  public record Outcome(SolveResult result, Map<String, Object> summary, Map<String, Map<Integer, Double>> traceColumns,
      List<String> notes) {}

  /**
   * The one solve path: start choice (the user's x0, else the family's least-squares or data-free
   * start, with its restarts), resume from the request's checkpoint, a checkpoint after every
   * accepted step, diagnostics, and the family's warnings.
   *
   * @throws IllegalArgumentException when resuming without a checkpoint or with a different identity,
   *     or when the checkpoint is damaged or not one this version reads (naming the file and field)
   */
  public static Outcome run(SparkSession spark, LoadedData data, SolveRequest request) {
    SolveOptions options = request.options();
    List<String> notes = new ArrayList<>();
    Checkpoints place = request.checkpoints();
    Checkpoint saved = request.resume() ? place.readMatching(data, options, notes) : null;
    if (place != null && !request.resume()) {
      place.moveAsideEarlier(notes);
    }
    Setup setup;
    SolveResult result;
    // the checkpoint writes run beside the passes; closing waits for the last, also when the solve throws
    try (CheckpointingListener checkpointing = place == null ? null
        : new CheckpointingListener(request.listener(), place.dir(), place.identity(data, options),
            saved == null ? null : saved.x0())) {
      IterationListener listener = checkpointing == null ? request.listener() : checkpointing;
      // a resume continues with the checkpoint's curvature: auto is not measured again, so it cannot change its mind
      long choosing = System.nanoTime();
      HessianChoice.Selection hessian = saved == null
          ? options.curvature(data.n(), data.d(), data.nnz(), data.partitions())
          : new HessianChoice.Selection(saved.state().curvature(), "resumed", null);
      LOG.debug("Hessian {} ({}) chosen in {} s", hessian.curvature().id(), hessian.mode(),
          String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - choosing) * 1e-9));
      Curvature curvature = hessian.curvature();
      // refuses before any pass or the kernel probe (a d×d Gram) allocates
      MemoryPreflight.check(spark.sparkContext(), data, options, curvature);
      SolveGramKernel gram = SolveGramKernel.choose(request.gramKernel(), curvature,
          saved == null ? null : saved.state(), data.d(), GramKernelLoader.SYSTEM, notes);
      setup = Setup.of(spark, data, options, request, listener, gram, hessian);
      result = saved == null
          ? FamilySolve.solve(setup.solver(), options.lossFamily(), setup.evaluator(), request.x0(), setup.listener())
          : FamilySolve.resume(setup.solver(), options.lossFamily(), setup.evaluator(), saved.state(), saved.x0(),
              setup.listener());
    }
    Outcome outcome = setup.outcome(data, options, result, notes);
    outcome.summary().put("resumed_from_iteration", saved == null ? null : saved.state().iteration());
    return outcome;
  }

  /**
   * Everything one distributed solve runs with: the evaluator (wrapped for {@code --diagnose}), the
   * solver, the curvature and a listener that also records the iterates for the diagnostics.
   */
  record Setup(Evaluator evaluator, DiagnosingEvaluator diagnosing, NewtonSolver solver, Curvature curvature,
      IterationListener listener, TraceDiagnostics.IterationRecordTap tap, TraceDiagnostics diagnostics,
      String master, String passes, long startNanos, SolveGramKernel gram, HessianChoice.Selection hessian) {

    static Setup of(SparkSession spark, LoadedData data, SolveOptions options, SolveRequest request,
        IterationListener listener, SolveGramKernel gram, HessianChoice.Selection hessian) {
      String jobPrefix = request.jobPrefix();
      TraceDiagnostics diagnostics = request.diagnostics();
      long start = System.nanoTime();
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Problem problem = new Problem(options.lossFamily(), options.regularizer(data.rowWeighted()), data.d());
      Curvature curvature = gram.applied(hessian.curvature());
      DriverPasses.Placed placed = DriverPasses.place(sc, data.blocks(), problem, jobPrefix, request.passes(),
          blockBytes(data));
      Evaluator distributed = gram.evaluator(placed.evaluator());
      DiagnosingEvaluator diagnosing = diagnostics.hessianError() ? new DiagnosingEvaluator(distributed) : null;
      TraceDiagnostics.IterationRecordTap tap = TraceDiagnostics.tap();
      NewtonSolver solver = new NewtonSolver(options.solverConfig(), curvature);
      return new Setup(diagnosing != null ? diagnosing : distributed, diagnosing, solver, curvature,
          tap.forwardingTo(listener), tap, diagnostics, sc.master(), placed.where(), start, gram, hessian);
    }

    /** The blocks' size in memory as the loader lays them out (dense or compressed rows, whichever is smaller). */
    private static long blockBytes(LoadedData data) {
      long dense = 8L * data.n() * data.d();
      long sparse = 12L * data.nnz() + 4L * data.n();
      return Math.min(dense, sparse) + 16L * data.n() + (data.rowWeighted() ? 8L * data.n() : 0L);
    }

    Outcome outcome(LoadedData data, SolveOptions options, SolveResult result, List<String> notes) {
      double seconds = (System.nanoTime() - startNanos) * 1e-9;
      Map<Integer, Double> errors = diagnosing != null ? diagnosing.hessianErrors() : Map.of();
      Map<String, Map<Integer, Double>> columns = diagnostics.columns(errors, tap.iterates);
      Map<String, Object> summary = summary(data, options, curvature, result, seconds, master);
      summary.put("passes_on", passes);
      summary.putAll(TraceDiagnostics.summaryOf(columns));
      summary.put("gram_kernel", gram.summary());
      summary.put("hessian_choice", hessian.asMap());
      return new Outcome(result, summary, columns, List.copyOf(notes));
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
    m.put("input", Map.of("files", data.files(), "fingerprint", data.fingerprint(), "read_by", data.readBy()));
    m.put("spark_master", master);
    m.put("blas", Blas.describe());
    return m;
  }
}
