package org.attnreg.solver;

/** Receives each trace record as soon as it is known (progress output, checkpoints). */
@FunctionalInterface
public interface IterationListener {
  IterationListener NONE = (record, x) -> { };

  /** Called with the record of iterate k and the point x_k it describes. */
  void onIteration(IterationRecord record, double[] x);

  /**
   * Called after every accepted Newton step with the state from which {@link NewtonSolver#resume}
   * continues exactly (checkpoints). The default ignores it.
   */
  default void onAccepted(SolverState state) {}
}
