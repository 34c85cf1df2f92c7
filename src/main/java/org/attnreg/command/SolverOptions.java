package org.attnreg.command;

import org.attnreg.job.SolveOptions;
import org.attnreg.linalg.GramKernelMode;
import org.attnreg.solver.SolverConfig;
import picocli.CommandLine.Option;

/**
 * The solve options every command that solves shares ({@code solve}, {@code sensitivity}); they
 * become one validated {@link SolveOptions}, the same record the ML estimator builds.
 */
public final class SolverOptions {
  @Option(names = "--family", paramLabel = "NAME", defaultValue = SolveOptions.DEFAULT_FAMILY,
      completionCandidates = FamilyNames.class,
      description = "Problem family: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  public String family;

  @Option(names = "--reg-w", paramLabel = "W", defaultValue = "0",
      description = "Uniform row weight w of the regulariser ½‖WAx‖², W = w·I (default: ${DEFAULT-VALUE}).")
  public double regW;

  @Option(names = "--ridge", paramLabel = "LAMBDA", defaultValue = "0",
      description = "Ridge coefficient λ of ½λ‖x‖² (default: ${DEFAULT-VALUE}).")
  public double ridge;

  @Option(names = "--tol", paramLabel = "T", defaultValue = "" + SolverConfig.DEFAULT_TOLERANCE,
      description = "Stop when ‖∇L‖ ≤ T·‖∇L(x0)‖ (default: ${DEFAULT-VALUE}).")
  public double tol;

  @Option(names = "--max-iter", paramLabel = "K", defaultValue = "" + SolverConfig.DEFAULT_MAX_ITERATIONS,
      description = "Most Newton iterations (default: ${DEFAULT-VALUE}).")
  public int maxIter;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  public long seed;

  @Option(names = "--hessian", paramLabel = "MODE", defaultValue = SolveOptions.DEFAULT_HESSIAN,
      description = "exact, sketch, or auto: kernel speeds measured on this machine pick exact when the exact Gram is"
          + " cheap (default: ${DEFAULT-VALUE}).")
  public String hessian;

  @Option(names = "--sketch", paramLabel = "KIND", defaultValue = SolveOptions.DEFAULT_SKETCH,
      description = "gauss-newton (the sketched Gauss–Newton matrix), leverage (leverage-score row sampling),"
          + " sparse-sign or gaussian (default: ${DEFAULT-VALUE}).")
  public String sketch;

  @Option(names = "--sketch-size", paramLabel = "M", defaultValue = "0",
      description = "Sketch rows m (gauss-newton: per partition); 0 derives m from --epsilon"
          + " (default: ${DEFAULT-VALUE}).")
  public int sketchSize;

  @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "" + SolveOptions.DEFAULT_EPSILON,
      description = "gauss-newton: target contraction of the error per step, m = d(1 + 1/EPS²) rows per"
          + " partition; the other kinds: target spectral accuracy of the sketched Hessian part"
          + " (default: ${DEFAULT-VALUE}).")
  public double epsilon;

  @Option(names = "--gram-kernel", paramLabel = "KIND", defaultValue = "auto", converter = GramKernelModes.class,
      description = "Gram kernel of the exact Hessian: auto (a short timed probe on the driver picks the fastest,"
          + " never one slower than the built-in Vector-API kernel), native (BLAS dsyrk), vector or scalar"
          + " (default: ${DEFAULT-VALUE}).")
  public GramKernelMode gramKernel;

  /** The validated options; every message names the option. */
  public SolveOptions toSolveOptions() {
    return new SolveOptions(family, regW, ridge, tol, maxIter, seed, hessian, sketch, sketchSize, epsilon);
  }

  public String family() {
    return family;
  }
}
