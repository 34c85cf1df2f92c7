package org.attnreg.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.LoadedData;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.SolveResult;

/**
 * {@link SolveJob} with a checkpoint after every accepted Newton step, and resume from it.
 *
 * <p>A resume reads {@code checkpoint.json} from the output directory and refuses (an
 * {@link IllegalArgumentException} naming every difference) unless the options, the read options
 * and the input (fingerprint, n, d) are those it was written with; only {@code max_iter} may change,
 * so that a solve stopped by the iteration limit can be continued. A different partitioning or
 * block size is allowed but reported: sums may then differ in the last bits.
 */
public final class CheckpointedSolve {
  /** Identity leaves a resume may change: the iteration limit, and the layout (reported only). */
  static final List<String> MAY_DIFFER = List.of("options.max_iter", "layout.");

  private CheckpointedSolve() {}

  /**
   * What to run: a fresh solve (with an optional x0) or a resume, the stop-after test hook, and the
   * trace diagnostics to record.
   */
  public record Request(double[] x0, boolean resume, int stopAfter, TraceDiagnostics diagnostics) {}

  /**
   * @param read the read options that shape the instance (header, label column, …), for the identity
   * @param layout partitions and block rows, for the identity (may differ on resume, reported)
   * @param notes receives what the user should know before the solve (a layout change on resume)
   * @throws IllegalArgumentException when resuming without a checkpoint or with a different identity
   */
  public static SolveJob.Outcome run(SparkSession spark, LoadedData data, SolveOptions options,
      Map<String, Object> read, Map<String, Object> layout, Request request, AtomicFiles dir, String jobPrefix,
      IterationListener listener, List<String> notes) {
    Map<String, Object> identity = identity(data, options, read, layout);
    Checkpoint saved = request.resume() ? readMatching(dir, identity, options, notes) : null;
    if (!request.resume()) {
      dir.delete(Checkpoint.FILE);
    }
    CheckpointingListener checkpoints = new CheckpointingListener(listener, dir, identity,
        saved == null ? null : saved.x0(), request.stopAfter());
    SolveJob.Setup setup = SolveJob.Setup.of(spark, data, options, jobPrefix, request.diagnostics(), checkpoints);
    SolveResult result = saved == null
        ? FamilySolve.solve(setup.solver(), options.lossFamily(), setup.evaluator(), request.x0(), setup.listener())
        : withFamilyWarnings(options, saved.x0(),
            setup.solver().resume(setup.evaluator(), saved.state(), setup.listener()));
    SolveJob.Outcome outcome = setup.outcome(data, options, result);
    outcome.summary().put("resumed_from_iteration", saved == null ? null : saved.state().iteration());
    return outcome;
  }

  static Map<String, Object> identity(LoadedData data, SolveOptions options, Map<String, Object> read,
      Map<String, Object> layout) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("fingerprint", data.fingerprint());
    input.put("n", data.n());
    input.put("d", data.d());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("options", options.asMap());
    m.put("read", read);
    m.put("input", input);
    m.put("layout", layout);
    return m;
  }

  private static Checkpoint readMatching(AtomicFiles dir, Map<String, Object> identity, SolveOptions options,
      List<String> notes) {
    String text = dir.readText(Checkpoint.FILE);
    if (text == null) {
      throw new IllegalArgumentException("--resume: there is no " + Checkpoint.FILE + " in " + dir.uri()
          + " (run without --resume to start afresh)");
    }
    Checkpoint saved = Checkpoint.fromJson(dir.uri() + "/" + Checkpoint.FILE, text, options.lossFamily());
    List<String> differences = Checkpoint.differences(saved.identity(), identity, MAY_DIFFER);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("--resume: the checkpoint in " + dir.uri()
          + " was written for a different run; " + String.join("; ", differences));
    }
    for (String change : Checkpoint.differences(saved.identity(), identity, List.of("options.", "read.", "input."))) {
      notes.add("the data layout changed since the checkpoint (" + change + "): the result may differ from an"
          + " uninterrupted run in the last bits");
    }
    return saved;
  }

  /** What {@link FamilySolve#solve} appends to a fresh solve's warnings, for a resumed one. */
  private static SolveResult withFamilyWarnings(SolveOptions options, double[] x0, SolveResult r) {
    List<String> warnings = new ArrayList<>(r.warnings());
    warnings.addAll(FamilySolve.warningsFor(options.lossFamily(), x0, r));
    return new SolveResult(r.x(), r.status(), r.message(), r.iterations(), r.loss(), r.gradientNorm(), r.trace(),
        r.valuePasses(), r.derivativePasses(), List.copyOf(warnings));
  }
}
