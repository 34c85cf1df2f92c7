package org.attnreg.linalg;

import java.util.Arrays;

/**
 * The speed of a kernel from repeated timed calls, taken only once it has settled: a JVM kernel's
 * first calls run before C2 has compiled it, tens to hundreds of times slower than afterwards, and
 * on a busy machine compilation can lag behind a fixed warm-up. A probe that believed such a call
 * would steer the solve to the wrong kernel or the wrong Hessian (measured: one cold call at 0.38
 * GFLOP/s instead of 14 made {@code --hessian auto} pick a sketch that doubled a 10⁶ × 32 solve).
 *
 * <p>The score is the fastest call once the last {@value #SETTLED_CALLS} calls agree within
 * {@value #SETTLED_SPREAD}× and at least the budget has been spent; a kernel still unsettled when
 * the cap is reached is reported as such with its fastest call so far.
 */
public final class SettledTiming {
  /** How many of the latest calls must agree. */
  public static final int SETTLED_CALLS = 3;
  /** Largest ratio of the slowest to the fastest of those calls. */
  public static final double SETTLED_SPREAD = 1.25;

  private final double budgetSeconds;
  private final double capSeconds;
  private final double[] last = new double[SETTLED_CALLS];
  private int timed;
  private double best = Double.POSITIVE_INFINITY;
  private double spent;

  /**
   * @param budgetSeconds the least time spent before a settled kernel's timing stops
   * @param capSeconds the most, settled or not
   */
  public SettledTiming(double budgetSeconds, double capSeconds) {
    this.budgetSeconds = budgetSeconds;
    this.capSeconds = capSeconds;
  }

  /** Times calls of {@code call} until they settle or the cap is reached. */
  public static SettledTiming of(Runnable call, double budgetSeconds, double capSeconds) {
    SettledTiming timing = new SettledTiming(budgetSeconds, capSeconds);
    boolean done;
    do {
      long t0 = System.nanoTime();
      call.run();
      done = timing.add((System.nanoTime() - t0) * 1e-9);
    } while (!done);
    return timing;
  }

  /** A call that only warms the kernel up (not scored); whether the cap is reached. */
  public boolean warmUp(double seconds) {
    spent += seconds;
    return spent >= capSeconds;
  }

  /** A scored call; whether timing can stop (settled with the budget spent, or the cap reached). */
  public boolean add(double seconds) {
    spent += seconds;
    best = Math.min(best, seconds);
    last[timed++ % SETTLED_CALLS] = seconds;
    return (settled() && spent >= budgetSeconds) || spent >= capSeconds;
  }

  /** Whether the latest {@value #SETTLED_CALLS} scored calls agree within {@value #SETTLED_SPREAD}×. */
  public boolean settled() {
    return timed >= SETTLED_CALLS
        && Arrays.stream(last).max().orElseThrow() <= SETTLED_SPREAD * Arrays.stream(last).min().orElseThrow();
  }

  /** The fastest scored call, in seconds (never 0; infinite before any). */
  public double best() {
    return Math.max(best, 1e-9);
  }
}
