package org.attnreg.job;

import org.attnreg.linalg.GramKernelMode;
import org.attnreg.solver.IterationListener;
import org.attnreg.spark.DriverPasses;

/**
 * One solve as every caller asks for it: the command line, a batch instance, the estimator and the
 * sensitivity study's base solve.
 *
 * @param options the validated options
 * @param x0 the user's start (length d), or null for the family's
 * @param resume continue from the checkpoint in {@code checkpoints} instead of starting afresh
 * @param checkpoints where to checkpoint every accepted step, or null for none
 * @param diagnostics the extra trace columns to record
 * @param jobPrefix prefix of the Spark job descriptions (e.g. the instance name in a batch)
 * @param listener sees every iterate (progress output)
 * @param passes where the passes run ({@code --local-passes})
 * @param gramKernel {@code --gram-kernel}: the probe chooses the Gram kernel, or one is forced
 */
public record SolveRequest(SolveOptions options, double[] x0, boolean resume, Checkpoints checkpoints,
    TraceDiagnostics diagnostics, String jobPrefix, IterationListener listener, DriverPasses.Mode passes,
    GramKernelMode gramKernel) {

  public SolveRequest {
    if (resume && checkpoints == null) {
      throw new IllegalArgumentException("a resume needs the directory of the checkpoint");
    }
    if (resume && x0 != null) {
      throw new IllegalArgumentException("--resume and --x0 exclude each other: a resume starts from the checkpoint");
    }
  }

  /** A fresh solve from the family's start, no checkpoints, no diagnostics, no progress. */
  public static SolveRequest of(SolveOptions options) {
    return new SolveRequest(options, null, false, null, TraceDiagnostics.NONE, "", IterationListener.NONE,
        DriverPasses.Mode.AUTO, GramKernelMode.AUTO);
  }

  public SolveRequest withStart(double[] start) {
    return new SolveRequest(options, start, resume, checkpoints, diagnostics, jobPrefix, listener, passes, gramKernel);
  }

  /** Checkpoints in {@code place}; a resume continues from the one there. */
  public SolveRequest withCheckpoints(Checkpoints place, boolean resumeFromIt) {
    return new SolveRequest(options, x0, resumeFromIt, place, diagnostics, jobPrefix, listener, passes, gramKernel);
  }

  public SolveRequest withDiagnostics(TraceDiagnostics d) {
    return new SolveRequest(options, x0, resume, checkpoints, d, jobPrefix, listener, passes, gramKernel);
  }

  public SolveRequest withJobPrefix(String prefix) {
    return new SolveRequest(options, x0, resume, checkpoints, diagnostics, prefix, listener, passes, gramKernel);
  }

  public SolveRequest withListener(IterationListener l) {
    return new SolveRequest(options, x0, resume, checkpoints, diagnostics, jobPrefix, l, passes, gramKernel);
  }

  public SolveRequest withPasses(DriverPasses.Mode mode) {
    return new SolveRequest(options, x0, resume, checkpoints, diagnostics, jobPrefix, listener, mode, gramKernel);
  }

  public SolveRequest withGramKernel(GramKernelMode mode) {
    return new SolveRequest(options, x0, resume, checkpoints, diagnostics, jobPrefix, listener, passes, mode);
  }
}
