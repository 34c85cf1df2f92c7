package org.attnreg.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;
import org.attnreg.output.Charts;
import org.attnreg.output.Checkpoint;
import org.attnreg.output.ConvergenceChart;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.solver.SolverState;
import org.attnreg.stats.Problem;

/**
 * Compiles the pass kernels while the command waits for Spark: a background thread solves small
 * synthetic instances of the user's family, in this JVM, with the very code a solve runs (value,
 * derivative and fused passes, the Gram, the Cholesky step, the line search, the checkpoint's
 * text, the convergence chart). A cold JVM runs every method interpreted until the JIT compiles
 * it, and the Vector-API kernels are then slower than plain loops by an order of magnitude; on a
 * small input the whole solve would run that way. Here the interpreted calls are on a few hundred
 * rows, so the kernels are compiled before the first real pass, at the cost of compiler threads
 * that start-up would otherwise leave to Spark.
 *
 * <p>It touches no shared state and nothing of the user's; it stops after its current solve once
 * {@link #close} is called (when the data is loaded, so that it never takes a core from the real
 * passes, or when the command ends), or after {@value #MAX_SOLVES} solves.
 */
public final class KernelWarmUp implements AutoCloseable {
  private static final int ROWS = 512;
  /**
   * Widths with both parities of whole vectors and a tail, so that every branch of the kernels'
   * loops has run before they are compiled (a branch first taken by the real data would send the
   * compiled kernel back to the interpreter).
   */
  private static final int[] WIDTHS = {23, 18};
  static final int MAX_SOLVES = 60;
  /** Every this many synthetic rows, one has target 0. */
  private static final int ZERO_TARGET_EVERY = 64;

  /**
   * Makes each accepted step's checkpoint text, as a solve's checkpoints do, and drops it: the JSON
   * writer's first use costs some 20–40 ms of class loading and interpretation, a tenth of a small solve.
   */
  private static final IterationListener CHECKPOINT_TEXT = new IterationListener() {
    @Override
    public void onIteration(IterationRecord record, double[] x) {}

    @Override
    public void onAccepted(SolverState state) {
      new Checkpoint(state, state.point().x(), Map.of()).toJson();
    }
  };

  private final Thread thread;
  private volatile boolean stopped;

  KernelWarmUp(LossFamily family) {
    thread = new Thread(() -> run(family), "attnreg-kernel-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
  }

  /** Starts warming up the kernels of {@code family}'s solves. */
  public static KernelWarmUp start(LossFamily family) {
    KernelWarmUp w = new KernelWarmUp(family);
    w.thread.start();
    return w;
  }

  /** The warm-up's solves, until stopped or done: how many ran to their end (they need not converge). */
  int run(LossFamily family) {
    LocalEvaluator[] evaluators = new LocalEvaluator[WIDTHS.length];
    for (int w = 0; w < WIDTHS.length; w++) {
      evaluators[w] = new LocalEvaluator(new Problem(family, Regularizer.NONE, WIDTHS[w]), partitions(WIDTHS[w]), 1);
    }
    NewtonSolver solver = new NewtonSolver(SolverConfig.defaults().withMaxIterations(6));
    int solves = 0;
    for (; solves < MAX_SOLVES && !stopped; solves++) {
      try {
        // from the family's own start, as a solve without --x0 (the least-squares start's pass included)
        SolveResult r = FamilySolve.solve(solver, family, evaluators[solves % WIDTHS.length], null, CHECKPOINT_TEXT);
        if (solves == 0) {
          drawChart(r);
        }
      } catch (RuntimeException e) {
        break; // a warm-up that cannot run leaves the kernels to compile during the solve
      }
    }
    return solves;
  }

  /**
   * Draws the convergence chart of a warm-up solve, as a solve's results do, and drops it: the first
   * chart of a JVM loads Java2D, its fonts and the PNG encoder (measured on a 54 000 × 21 command:
   * its results took 0.42–0.63 s to write without this, 0.21–0.31 s with it).
   */
  private static void drawChart(SolveResult r) {
    if (!r.trace().isEmpty()) {
      Charts.pngs(ConvergenceChart.of("warm-up", r.status().label(), r.trace()));
    }
  }

  /** Waits up to {@code millis} for the thread to end; whether it has. */
  boolean awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  /** Two partitions of synthetic rows with targets in (0, 1/ROWS] and a few of 0, which every family accepts. */
  static List<List<RowBlock>> partitions(int d) {
    SplittableRandom rnd = new SplittableRandom(1);
    List<List<RowBlock>> parts = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      BlockBuilder builder = new BlockBuilder(d, ROWS, false);
      double[] row = new double[d];
      for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j < d; j++) {
          row[j] = rnd.nextDouble() - 0.5;
        }
        // a few zero targets, as real data has: a row a least-squares start leaves out (log 0) takes
        // the kernels' zero-weight branch, which a compiled kernel first meeting it in the solve
        // would leave for the interpreter (measured: 0.1 s of a 0.25 s solve of 54 000 rows)
        double target = i % ZERO_TARGET_EVERY == ZERO_TARGET_EVERY - 1 ? 0.0 : (1.0 + rnd.nextDouble()) / (2.0 * ROWS);
        builder.addDense((long) p * ROWS + i, target, row);
      }
      parts.add(List.of(builder.build()));
    }
    return parts;
  }

  /** Stops the warm-up after its current solve. */
  @Override
  public void close() {
    stopped = true;
  }
}
