package org.attnreg.job;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;

/**
 * Forwards every record to the user's listener and, after every accepted Newton step, replaces
 * {@code checkpoint.json} in the output directory (written aside, synced to disk, then moved over
 * the old one in one step, through Hadoop FileSystem).
 *
 * <p>The checkpoint's text is made on the solver's thread, from the state as it is at the step; the
 * write itself runs on a thread of its own, in order, while the next pass computes: the sync to disk
 * costs some 5–15 ms a file, as much as a whole iteration of a small solve. {@link #close} waits for
 * the last write, so when the solve returns or throws (a listener that stops it included), the
 * checkpoint of its last accepted step is on disk. A write that fails stops the solve at the next
 * step, or at {@link #close}. Were the process killed in between, the file on disk is still a whole
 * checkpoint, at most a step or two older than the last one accepted: a resume continues from there.
 */
public final class CheckpointingListener implements IterationListener, AutoCloseable {
  private final IterationListener delegate;
  private final AtomicFiles dir;
  private final Map<String, Object> identity;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "attnreg-checkpoint-writer");
    t.setDaemon(true);
    return t;
  });
  private double[] x0;
  private Future<?> lastWrite;
  /** The first write that failed; set on the writer's thread. */
  private volatile RuntimeException failure;
  /** Whether {@link #failure} has been thrown to the solver already (solver's thread only). */
  private boolean failureThrown;

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
    rethrowFailure(); // a failed write stops the solve at the next step
    String text = new Checkpoint(state, x0, identity).toJson(); // now: the state's trace grows with the solve
    lastWrite = writer.submit(() -> write(text));
    delegate.onAccepted(state);
  }

  /** Waits until the last checkpoint is on disk; rethrows the failure of a write. */
  @Override
  public void close() {
    try {
      awaitLastWrite();
      if (!failureThrown) {
        rethrowFailure(); // not twice: the solve may be ending with this very exception
      }
    } finally {
      writer.shutdown();
    }
  }

  /** On the writer's thread; after a failure no later checkpoint is written, so none skips a failed one. */
  private void write(String text) {
    if (failure == null) {
      try {
        dir.writeText(Checkpoint.FILE, text);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
  }

  private void rethrowFailure() {
    RuntimeException e = failure;
    if (e != null) {
      failureThrown = true;
      throw e;
    }
  }

  private void awaitLastWrite() {
    if (lastWrite == null) {
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          lastWrite.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the checkpoint must land before the solve reports: wait on, then restore the flag
        } catch (ExecutionException e) {
          throw new IllegalStateException("checkpoint write failed", e.getCause()); // write() catches its own
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
