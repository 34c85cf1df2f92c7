package org.attnreg.job;

import java.util.Map;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;

/**
 * Forwards every record to the user's listener and, after every accepted Newton step, replaces
 * {@code checkpoint.json} in the output directory (atomically, through Hadoop FileSystem). With a
 * stop-after limit it ends the solve by throwing {@link StopRequested} once the checkpoint of that
 * iterate is written: a test hook that behaves like a driver killed right after a checkpoint.
 */
public final class CheckpointingListener implements IterationListener {
  private final IterationListener delegate;
  private final AtomicFiles dir;
  private final Map<String, Object> identity;
  private final int stopAfter;
  private double[] x0;

  /**
   * @param x0 the starting point when resuming (the first record then is not iterate 0), else null
   * @param stopAfter stop once the checkpoint of this iterate is written; 0 never stops
   */
  CheckpointingListener(IterationListener delegate, AtomicFiles dir, Map<String, Object> identity, double[] x0,
      int stopAfter) {
    this.delegate = delegate;
    this.dir = dir;
    this.identity = identity;
    this.x0 = x0;
    this.stopAfter = stopAfter;
  }

  @Override
  public void onIteration(IterationRecord record, double[] x) {
    if (record.iteration() == 0) {
      x0 = x.clone();
    }
    delegate.onIteration(record, x);
  }

  @Override
  public void onAccepted(SolverState state) {
    dir.writeText(Checkpoint.FILE, new Checkpoint(state, x0, identity).toJson());
    delegate.onAccepted(state);
    if (stopAfter > 0 && state.iteration() >= stopAfter) {
      throw new StopRequested(state.iteration());
    }
  }

  double[] x0() {
    return x0;
  }

  /** Thrown by the stop-after test hook once the checkpoint of {@link #iteration()} is written. */
  public static final class StopRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int iteration;

    StopRequested(int iteration) {
      super("stopped after the checkpoint of iterate " + iteration + " as requested");
      this.iteration = iteration;
    }

    public int iteration() {
      return iteration;
    }
  }
}
