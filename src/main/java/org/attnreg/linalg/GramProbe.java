package org.attnreg.linalg;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A short timed run of every Gram kernel this JVM can load, on synthetic rows of the solve's d, in
 * GFLOP/s of useful work ({@code rows·d·(d+1)} per call, the lower triangle). With warm kernels it
 * costs tens of milliseconds at d = 512, even with a slow kernel among them.
 *
 * <p>Why the probe distrusts a cold JVM kernel: the first calls of a Vector-API loop run before C2
 * has compiled it, tens to hundreds of times slower than afterwards (measured at d = 512 on a busy
 * machine: 0.02 GFLOP/s for the first calls, 5–9 after), and a probe that believed them would hand
 * the solve to a slow native BLAS. So each kernel starts on a few rows (its first, coldest call
 * stays short) and doubles them up to {@link #rows}; it is scored by its fastest call once its last
 * calls at full size agree ({@link SettledTiming}), and reported
 * unsettled if that has not happened after {@link #CAP_SECONDS}, or, for the Vector-API kernel, if
 * it measured slower than the scalar loop (which it beats whenever it is compiled). The choice keeps
 * the built-in kernel when the built-in kernel's figure is unsettled. The JIT work of the warm-up is
 * not lost: in local mode the passes run the same compiled code.
 */
public final class GramProbe {
  /** Work per call, as rows·d²: about 17 Mflop (64 rows at d = 512), ~10 ms a call for a slow kernel. */
  static final double TARGET_FLOPS = 1 << 24;
  static final int MIN_ROWS = 32;
  /** The native kernel's chunk: more rows would only repeat the same dsyrk calls. */
  static final int MAX_ROWS = NativeSyrkGram.CHUNK_ROWS;
  static final double BUDGET_SECONDS = 0.003;
  /** No kernel is timed for longer than this, however unsettled its speed. */
  static final double CAP_SECONDS = 0.2;
  /** Rows of a kernel's first call. */
  static final int FIRST_ROWS = 8;

  private GramProbe() {}

  /**
   * What the probe measured at dimension d.
   *
   * @param rows the synthetic rows per call
   * @param gflops kernel → GFLOP/s of its fastest call, for every kernel the loader could load
   * @param unsettled the kernels whose speed was still changing when the probe stopped timing them
   * @param seconds the probe's wall-clock time
   */
  public record Figures(int d, int rows, Map<GramKernelKind, Double> gflops, Set<GramKernelKind> unsettled,
      double seconds) {
    public Figures {
      gflops = Map.copyOf(gflops);
      unsettled = Set.copyOf(unsettled);
    }
  }

  /** Rows per call at dimension d. */
  static int rows(int d) {
    return (int) Math.max(MIN_ROWS, Math.min(MAX_ROWS, TARGET_FLOPS / ((double) d * d)));
  }

  /** Times every kernel {@code loader} can load at dimension d. */
  public static Figures measure(int d, GramKernelLoader loader) {
    long start = System.nanoTime();
    int rows = rows(d);
    SplittableRandom rnd = new SplittableRandom(d);
    double[] a = new double[rows * d];
    for (int k = 0; k < a.length; k++) {
      a[k] = rnd.nextDouble() * 2.0 - 1.0;
    }
    double[] h = new double[rows];
    for (int i = 0; i < rows; i++) {
      h[i] = rnd.nextDouble() + 0.5; // positive, as the Hessian weights of the convex families
    }
    Map<GramKernelKind, Double> gflops = new EnumMap<>(GramKernelKind.class);
    Set<GramKernelKind> unsettled = EnumSet.noneOf(GramKernelKind.class);
    for (GramKernelKind kind : GramKernelKind.values()) {
      if (loader.available(kind)) {
        Timed t = fastestCall(loader.load(kind), a, rows, d, h);
        gflops.put(kind, t.gflops);
        if (!t.settled) {
          unsettled.add(kind);
        }
      }
    }
    Double vector = gflops.get(GramKernelKind.VECTOR);
    Double scalar = gflops.get(GramKernelKind.SCALAR);
    if (vector != null && scalar != null && vector < scalar) {
      unsettled.add(GramKernelKind.VECTOR);
    }
    return new Figures(d, rows, gflops, unsettled, (System.nanoTime() - start) * 1e-9);
  }

  private record Timed(double gflops, boolean settled) {}

  /** The kernel's speed in its fastest call at the largest size reached (see the class comment). */
  private static Timed fastestCall(GramKernel kernel, double[] a, int rows, int d, double[] h) {
    double[] gram = new double[d * d];
    GramScratch scratch = new GramScratch(kernel);
    SettledTiming timing = new SettledTiming(BUDGET_SECONDS, CAP_SECONDS);
    int now = Math.min(FIRST_ROWS, rows);
    while (true) {
      long t0 = System.nanoTime();
      kernel.addLower(a, now, d, h, gram, scratch);
      double s = (System.nanoTime() - t0) * 1e-9;
      if (now < rows) {
        if (timing.warmUp(s)) {
          return new Timed((double) now * d * (d + 1) / Math.max(s, 1e-9) * 1e-9, false);
        }
        now = Math.min(rows, 2 * now);
      } else if (timing.add(s)) {
        return new Timed((double) rows * d * (d + 1) / timing.best() * 1e-9, timing.settled());
      }
    }
  }
}
