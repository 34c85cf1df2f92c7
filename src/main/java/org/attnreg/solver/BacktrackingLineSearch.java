package org.attnreg.solver;

import org.attnreg.problem.Globals;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.FusedAggregate;
import org.attnreg.stats.LineBatch;

/**
 * Armijo backtracking in which all candidate steps {@code t = 1, ½, ¼, …} of a round are scored by a
 * single value pass. The largest t with {@code L(x − t s) ≤ L(x) − c·t·∇Lᵀs} (within the loss's
 * rounding resolution, so that a converged iterate is not refused for noise) is accepted;
 * non-finite trial points are rejected like any other too-long step.
 *
 * <p>A damped step (Levenberg–Marquardt, used where the Hessian is not positive definite) is
 * deliberately short, so its first round also scores a few longer steps {@code t = 2, 4, …}; since
 * the whole round is one pass they cost nothing extra, and the candidate with the lowest loss
 * among those that pass is taken.
 *
 * <p>Where the full step is likely to be accepted, the first round's pass is a fused one
 * ({@link Evaluator#valuesAndDerivatives}): if t = 1 is accepted, its derivatives come with it and
 * the next iteration needs no derivative pass of its own; otherwise they are thrown away. A fused
 * round scores only t = 1 and ½ ({@link #FUSED_STEPS}); the rounds after it go on from ¼.
 */
final class BacktrackingLineSearch {
  private final SolverConfig config;

  BacktrackingLineSearch(SolverConfig config) {
    this.config = config;
  }

  /**
   * The accepted point (null if none), the value passes spent and their wall time, and the
   * derivatives at the accepted point when a fused pass took them there (null otherwise).
   */
  record Outcome(EvaluatedPoint accepted, int passes, double seconds, Derivatives derivatives, double smallestStep) {}

  /**
   * Steps a fused first round scores: 1 and ½. The full step is the likely one there, and every
   * further candidate costs an exp per row in a pass that is otherwise memory-bound; a rejection
   * continues with the usual rounds from ¼.
   */
  static final int FUSED_STEPS = 2;

  /**
   * @param current the current iterate, evaluated by a value pass
   * @param direction the step s (the trial points are {@code x − t s})
   * @param slope {@code ∇L(x)ᵀ s} at true scale, positive for a descent direction
   * @param fuseWith the curvature of the next iterate when the first round's pass should also take
   *     the derivatives at the full step (an undamped step only), null for a plain value pass
   * @param predicted the globals at the full step a fused pass takes its derivatives with
   */
  Outcome search(Evaluator evaluator, EvaluatedPoint current, double[] direction, double slope, int iteration,
      boolean damped, Curvature fuseWith, Globals predicted) {
    long start = System.nanoTime();
    boolean fusing = fuseWith != null && !damped;
    int next = 0; // the next step tried is 2^-next
    for (int round = 0; round < config.lineSearchRounds(); round++) {
      int expansions = damped && round == 0 ? EXPANSIONS : 0;
      int count = round == 0 && fusing ? Math.min(FUSED_STEPS, config.lineSearchSteps()) : config.lineSearchSteps();
      double[] steps = new double[count + expansions];
      for (int j = 0; j < steps.length; j++) {
        steps[j] = Math.scalb(1.0, expansions - (next + j));
      }
      next += count;
      LineBatch batch = new LineBatch(current.x(), direction, steps);
      EvaluatedPoint[] trials;
      FusedAggregate.Result fused = null;
      if (round == 0 && fusing) {
        fused = evaluator.valuesAndDerivatives(batch, 0, predicted, iteration, fuseWith);
        trials = fused.points();
      } else {
        trials = evaluator.values(batch, iteration);
      }
      EvaluatedPoint best = null;
      for (EvaluatedPoint trial : trials) {
        if (acceptable(current, trial, slope) && (best == null || trial.loss() < best.loss())) {
          best = trial;
          if (expansions == 0) {
            break; // plain backtracking: the largest acceptable step
          }
        }
      }
      if (best != null) {
        boolean full = fused != null && best == trials[fused.derivativeIndex()];
        return new Outcome(best, round + 1, seconds(start), full ? fused.derivatives() : null, Math.scalb(1.0, 1 - next));
      }
    }
    return new Outcome(null, config.lineSearchRounds(), seconds(start), null, Math.scalb(1.0, 1 - next));
  }

  /** Longer steps {@code 2, 4, …, 2^EXPANSIONS} scored for a damped direction. */
  private static final int EXPANSIONS = 4;

  private boolean acceptable(EvaluatedPoint current, EvaluatedPoint trial, double slope) {
    if (!trial.isFinite()) {
      return false;
    }
    double noise = Math.max(current.resolution(), trial.resolution());
    return trial.loss() <= current.loss() - config.armijo() * trial.step() * slope + noise;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) * 1e-9;
  }
}
