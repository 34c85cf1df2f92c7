package org.attnreg.problem;

import java.util.List;

/**
 * Capability: what the user should know about a solve of this family from {@code x0} that ended at
 * x — a stationary or trivial start, a trivial minimiser, an infimum not attained.
 */
public interface Traps {

  /**
   * The warnings, empty when there is nothing to say.
   *
   * @param unbounded whether the solver stopped because the loss kept falling while ‖x‖ grew
   */
  List<String> warningsFor(double[] x0, double[] x, boolean unbounded);

  /** Whether x, reached from x0, is a trivial minimiser that fits nothing (none by default). */
  default boolean isTrivial(double[] x0, double[] x) {
    return false;
  }
}
