package org.attnreg.solver;

import java.util.Locale;

/** How a solve ended. Not converging is an outcome, not an exception. */
public enum Status {
  /** ‖∇L‖ reached the tolerance, or the Newton step fell to rounding level. */
  CONVERGED,
  /** The iteration limit was reached first. */
  MAX_ITERATIONS,
  /** No step size along the Newton direction decreased the loss. */
  LINE_SEARCH_FAILED,
  /** The loss, gradient or Hessian could not be represented (overflow or NaN). */
  NON_FINITE,
  /** The loss keeps falling while ‖x‖ grows: the infimum is not attained. */
  UNBOUNDED,
  /**
   * The solve converged to a trivial minimiser that fits nothing (x = 0 for rescaled sinh), also after
   * a restart from the data: not a useful answer.
   */
  TRIVIAL;

  /** The lower-case name used in summaries, e.g. {@code max_iterations}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
