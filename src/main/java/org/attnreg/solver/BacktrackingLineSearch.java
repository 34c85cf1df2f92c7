package org.attnreg.solver;

import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;

/**
 * Armijo backtracking in which all candidate steps {@code t = 1, ½, ¼, …} of a round are scored by a
 * single value pass. The largest t with {@code L(x − t s) ≤ L(x) − c·t·∇Lᵀs} (within the loss's
 * rounding resolution, so that a converged iterate is not refused for noise) is accepted;
 * non-finite trial points are rejected like any other too-long step.
 */
final class BacktrackingLineSearch {
  private final SolverConfig config;

  BacktrackingLineSearch(SolverConfig config) {
    this.config = config;
  }

  /** The accepted point (null if none), the value passes spent and their wall time. */
  record Outcome(EvaluatedPoint accepted, int passes, double seconds) {}

  /**
   * @param current the current iterate, evaluated by a value pass
   * @param direction the step s (the trial points are {@code x − t s})
   * @param slope {@code ∇L(x)ᵀ s} at true scale, positive for a descent direction
   */
  Outcome search(Evaluator evaluator, EvaluatedPoint current, double[] direction, double slope, int iteration) {
    int k = config.lineSearchSteps();
    long start = System.nanoTime();
    for (int round = 0; round < config.lineSearchRounds(); round++) {
      double[] steps = new double[k];
      for (int j = 0; j < k; j++) {
        steps[j] = Math.scalb(1.0, -(round * k + j));
      }
      EvaluatedPoint[] trials = evaluator.values(new LineBatch(current.x(), direction, steps), iteration);
      for (EvaluatedPoint trial : trials) {
        if (acceptable(current, trial, slope)) {
          return new Outcome(trial, round + 1, seconds(start));
        }
      }
    }
    return new Outcome(null, config.lineSearchRounds(), seconds(start));
  }

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
