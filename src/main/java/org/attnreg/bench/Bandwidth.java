package org.attnreg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A STREAM-like memory bandwidth test in this JVM with as many threads as Spark has cores: "sum"
 * reads one array (the access pattern of a pass), "triad" computes {@code a = b + s·c}. Each thread
 * works on its own contiguous slice, as a Spark task does on its partition.
 */
final class Bandwidth {
  private final int threads;
  private final double[] a;
  private final double[] b;
  private final double[] c;

  Bandwidth(int threads, int doubles) {
    this.threads = threads;
    this.a = KernelBench.randomArray(doubles, 1);
    this.b = KernelBench.randomArray(doubles, 2);
    this.c = KernelBench.randomArray(doubles, 3);
  }

  /** Bytes per second of the sum (read-only) kernel: median and best of {@code reps}. */
  Timing sum(int reps) {
    return run(reps, (from, to) -> {
      double s0 = 0.0;
      double s1 = 0.0;
      double s2 = 0.0;
      double s3 = 0.0;
      int i = from;
      for (; i + 4 <= to; i += 4) {
        s0 += a[i];
        s1 += a[i + 1];
        s2 += a[i + 2];
        s3 += a[i + 3];
      }
      for (; i < to; i++) {
        s0 += a[i];
      }
      return s0 + s1 + s2 + s3;
    });
  }

  /** Timing of the triad kernel (3 arrays of traffic, counting the write once). */
  Timing triad(int reps) {
    return run(reps, (from, to) -> {
      for (int i = from; i < to; i++) {
        a[i] = b[i] + 0.5 * c[i];
      }
      return a[from];
    });
  }

  /** Bytes one sum touches. */
  long sumBytes() {
    return 8L * a.length;
  }

  /** Bytes one triad touches (read b and c, write a). */
  long triadBytes() {
    return 24L * a.length;
  }

  private interface Slice {
    double apply(int from, int to);
  }

  private Timing run(int reps, Slice slice) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      return Timing.of(1, reps, () -> parallel(pool, slice));
    } finally {
      pool.shutdownNow();
    }
  }

  private void parallel(ExecutorService pool, Slice slice) {
    List<Future<Double>> parts = new ArrayList<>();
    int n = a.length;
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) n * t / threads);
      int to = (int) ((long) n * (t + 1) / threads);
      parts.add(pool.submit(() -> slice.apply(from, to)));
    }
    PlainPasses.join(parts);
  }
}
