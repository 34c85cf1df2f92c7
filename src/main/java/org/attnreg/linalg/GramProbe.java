package org.attnreg.linalg;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A short timed run of every Gram kernel this JVM can load, on synthetic rows of the solve's d, in
 * GFLOP/s of useful work ({@code rows·d·(d+1)} per call, the lower triangle). It costs tens of
 * milliseconds at d = 512 even with a slow kernel among them, against derivative passes of seconds.
 *
 * <p>Why it runs each kernel until its speed settles rather than a fixed number of times: the first
 * calls of a Vector-API loop run before C2 has compiled it, tens of times slower than afterwards, and
 * a probe that stopped there would hand the solve to a slow native BLAS. Each kernel therefore runs
 * until a call is no faster than the best before it and at least {@link #BUDGET_SECONDS} were spent,
 * and is scored by its fastest call.
 */
public final class GramProbe {
  /** Work per call, as rows·d²: about 17 Mflop (64 rows at d = 512), ~10 ms a call for a slow kernel. */
  static final double TARGET_FLOPS = 1 << 24;
  static final int MIN_ROWS = 32;
  /** The native kernel's chunk: more rows would only repeat the same dsyrk calls. */
  static final int MAX_ROWS = NativeSyrkGram.CHUNK_ROWS;
  static final double BUDGET_SECONDS = 0.003;
  /** No kernel is timed for longer than this, however unsettled its speed. */
  static final double CAP_SECONDS = 0.25;
  static final int MIN_CALLS = 3;

  private GramProbe() {}

  /**
   * What the probe measured at dimension d.
   *
   * @param rows the synthetic rows per call
   * @param gflops kernel → GFLOP/s of its fastest call, for every kernel the loader could load
   * @param seconds the probe's wall-clock time
   */
  public record Figures(int d, int rows, Map<GramKernelKind, Double> gflops, double seconds) {
    public Figures {
      gflops = Map.copyOf(gflops);
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
    double flops = (double) rows * d * (d + 1);
    Map<GramKernelKind, Double> gflops = new EnumMap<>(GramKernelKind.class);
    for (GramKernelKind kind : GramKernelKind.values()) {
      if (loader.available(kind)) {
        gflops.put(kind, flops / fastestCall(loader.load(kind), a, rows, d, h) * 1e-9);
      }
    }
    return new Figures(d, rows, gflops, (System.nanoTime() - start) * 1e-9);
  }

  /** Seconds of the kernel's fastest call once its speed has settled (see the class comment). */
  private static double fastestCall(GramKernel kernel, double[] a, int rows, int d, double[] h) {
    double[] gram = new double[d * d];
    GramScratch scratch = new GramScratch(kernel);
    double best = Double.POSITIVE_INFINITY;
    double spent = 0.0;
    for (int calls = 1; ; calls++) {
      long t0 = System.nanoTime();
      kernel.addLower(a, rows, d, h, gram, scratch);
      double s = (System.nanoTime() - t0) * 1e-9;
      spent += s;
      boolean settled = s >= 0.9 * best;
      best = Math.min(best, s);
      if ((calls >= MIN_CALLS && settled && spent >= BUDGET_SECONDS) || spent >= CAP_SECONDS) {
        return best;
      }
    }
  }
}
