package org.attnreg.job;

import java.util.Map;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;

/**
 * Forwards every record to the user's listener and, after every accepted Newton step, replaces
 * {@code checkpoint.json} in the output directory (written aside, flushed, then moved over the old
 * one in one step, through Hadoop FileSystem) before the user's listener hears of the step.
 */
public final class CheckpointingListener implements IterationListener {
  private final IterationListener delegate;
  private final AtomicFiles dir;
  private final Map<String, Object> identity;
  private double[] x0;

  /** @param x0 the starting point when resuming (the first record then is not iterate 0), else null */
  CheckpointingListener(IterationListener delegate, AtomicFiles dir, Map<String, Object> identity, double[] x0) {
    this.delegate = delegate;
    this.dir = dir;
    this.identity = identity;
    this.x0 = x0;
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
  }

  double[] x0() {
    return x0;
  }
}
