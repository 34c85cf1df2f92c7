package org.attnreg.solver;

import java.io.Serializable;

/**
 * Solver settings, validated on construction.
 *
 * @param tolerance stop when ‖∇L(x)‖ ≤ tolerance·‖∇L(x₀)‖
 * @param maxIterations the most Newton steps taken
 * @param lineSearchSteps candidate step sizes {@code 1, ½, …, 2^-(k-1)} scored in one value pass
 * @param lineSearchRounds value passes tried (each with the next smaller steps) before giving up
 * @param armijo the sufficient-decrease constant c in {@code L(x − t s) ≤ L(x) − c t ∇Lᵀs}
 * @param fusedPasses whether a line search whose full step is likely accepted also takes the
 *     derivatives at the full step in the same pass (one pass per iteration in the quadratic phase)
 */
public record SolverConfig(double tolerance, int maxIterations, int lineSearchSteps, int lineSearchRounds,
    double armijo, boolean fusedPasses) implements Serializable {
  public static final double DEFAULT_TOLERANCE = 1e-10;
  public static final int DEFAULT_MAX_ITERATIONS = 50;
  public static final int DEFAULT_LINE_SEARCH_STEPS = 8;
  public static final int DEFAULT_LINE_SEARCH_ROUNDS = 3;
  public static final double DEFAULT_ARMIJO = 1e-4;

  public SolverConfig {
    if (!(tolerance > 0.0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be positive and finite: " + tolerance);
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("max iterations must be non-negative: " + maxIterations);
    }
    if (lineSearchSteps < 1 || lineSearchSteps > 60) {
      throw new IllegalArgumentException("line-search steps must be in 1..60: " + lineSearchSteps);
    }
    if (lineSearchRounds < 1) {
      throw new IllegalArgumentException("line-search rounds must be positive: " + lineSearchRounds);
    }
    if (!(armijo > 0.0 && armijo < 0.5)) {
      throw new IllegalArgumentException("Armijo constant must be in (0, 0.5): " + armijo);
    }
  }

  public static SolverConfig defaults() {
    return new SolverConfig(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_LINE_SEARCH_STEPS,
        DEFAULT_LINE_SEARCH_ROUNDS, DEFAULT_ARMIJO, true);
  }

  public SolverConfig withTolerance(double t) {
    return new SolverConfig(t, maxIterations, lineSearchSteps, lineSearchRounds, armijo, fusedPasses);
  }

  public SolverConfig withMaxIterations(int k) {
    return new SolverConfig(tolerance, k, lineSearchSteps, lineSearchRounds, armijo, fusedPasses);
  }

  public SolverConfig withFusedPasses(boolean fused) {
    return new SolverConfig(tolerance, maxIterations, lineSearchSteps, lineSearchRounds, armijo, fused);
  }
}
