package org.attnreg.bench;

import java.util.Arrays;

/**
 * Wall-clock seconds of repeated runs of one piece of work, after warm-up runs that are discarded
 * (the first runs include JIT compilation).
 *
 * @param seconds the timed repetitions, in the order they ran
 */
public record Timing(double[] seconds) {

  public Timing {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("a timing needs at least one repetition");
    }
    seconds = seconds.clone();
  }

  /** Runs {@code work} {@code warmup} times untimed, then {@code reps} times timed. */
  public static Timing of(int warmup, int reps, Runnable work) {
    for (int k = 0; k < warmup; k++) {
      work.run();
    }
    double[] s = new double[reps];
    for (int k = 0; k < reps; k++) {
      long t0 = System.nanoTime();
      work.run();
      s[k] = (System.nanoTime() - t0) * 1e-9;
    }
    return new Timing(s);
  }

  public double median() {
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    int m = sorted.length;
    return m % 2 == 1 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
  }

  public double min() {
    return Arrays.stream(seconds).min().orElseThrow();
  }

  public int reps() {
    return seconds.length;
  }
}
