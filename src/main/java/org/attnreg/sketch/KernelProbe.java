package org.attnreg.sketch;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.attnreg.linalg.DenseKernels;
import org.attnreg.linalg.GramKernelKind;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.linalg.GramScratch;
import org.attnreg.linalg.SettledTiming;

/**
 * Times the kernels {@link HessianChoice} weighs, the very kernels the passes run (the Gram kernel,
 * {@link DenseKernels#addCombination} and {@link DenseKernels#margins}), on a small synthetic dense
 * block of the data's width (at most {@value #MAX_WIDTH} columns, about {@value #TARGET_WORK}
 * multiply-adds a run), in this JVM: each kernel's fastest run after a warm-up, once its runs agree
 * ({@link SettledTiming}: a run before C2 has compiled the kernel would make the exact Gram look
 * tens of times slower than it is). Tenths of a second, against the seconds an exact Gram pass
 * costs where the choice matters. The Gram kernel is timed twice when the JVM has loaded a native
 * BLAS: the built-in one, which folds the sketch, and native {@code dsyrk}, which an exact solve's
 * {@code --gram-kernel auto} picks where it is faster.
 */
final class KernelProbe {
  static final int MAX_WIDTH = 1024;
  static final double TARGET_WORK = 5e7;
  /** Timed runs of a kernel whose speed settles at once: {@link SettledTiming#SETTLED_CALLS}. */
  static final int REPEATS = SettledTiming.SETTLED_CALLS;
  /** No kernel is timed for longer than this, however unsettled its speed. */
  static final double CAP_SECONDS = 0.2;
  private static final int NON_ZEROS = GaussNewtonSketch.DEFAULT_NONZEROS;

  private KernelProbe() {}

  /** The measured speeds for rows of width d. */
  static HessianChoice.Speeds measure(int d) {
    int w = Math.min(d, MAX_WIDTH);
    int rows = (int) Math.max(16, Math.min(8192, TARGET_WORK / ((double) w * w)));
    double[] a = new double[rows * w];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int k = 0; k < a.length; k++) {
      a[k] = rnd.nextDouble() - 0.5;
    }
    double[] h = new double[rows];
    Arrays.fill(h, 1.0);
    double[] gram = new double[w * w];
    GramScratch scratch = new GramScratch();
    double gramSeconds = best(() -> scratch.kernel().addLower(a, rows, w, h, gram, scratch));
    double exactGramSeconds = gramSeconds;
    if (GramKernelLoader.SYSTEM.available(GramKernelKind.NATIVE)) {
      GramScratch nativeScratch = new GramScratch(GramKernelLoader.SYSTEM.load(GramKernelKind.NATIVE));
      exactGramSeconds = Math.min(gramSeconds,
          best(() -> nativeScratch.kernel().addLower(a, rows, w, h, gram, nativeScratch)));
    }
    DenseKernels kernels = DenseKernels.get();
    int m = 3 * w;
    double[] sketch = new double[m * w];
    double[] coef = new double[GaussNewtonGram.CHUNK];
    Arrays.fill(coef, 0.5);
    int sweeps = (int) Math.max(1, TARGET_WORK / ((double) rows * w * NON_ZEROS));
    double placeSeconds = best(() -> place(kernels, a, rows, w, coef, sketch, m, sweeps));
    double[] x = new double[w];
    Arrays.fill(x, 0.01);
    double[] z = new double[rows];
    int level1Sweeps = (int) Math.max(1, TARGET_WORK / ((double) rows * w));
    double level1Seconds = best(() -> {
      for (int sweep = 0; sweep < level1Sweeps; sweep++) {
        kernels.margins(a, rows, w, x, z);
      }
    });
    if (gram[0] + sketch[0] + z[0] == 42.0) {
      throw new AssertionError(); // keeps the timed work observable
    }
    return new HessianChoice.Speeds((double) rows * w * w / gramSeconds,
        (double) (rows / GaussNewtonGram.CHUNK * GaussNewtonGram.CHUNK) * w * NON_ZEROS * sweeps
        / placeSeconds, (double) rows * w * level1Sweeps / level1Seconds, (double) rows * w * w / exactGramSeconds);
  }

  /**
   * Every chunk of rows added into s hashed rows of the m×w sketch with the pass's own kernel
   * ({@link DenseKernels#addCombination}), as the Gauss–Newton sketch places dense rows.
   */
  private static void place(DenseKernels kernels, double[] a, int rows, int w, double[] coef, double[] sketch, int m,
      int sweeps) {
    int chunk = GaussNewtonGram.CHUNK;
    for (int sweep = 0; sweep < sweeps; sweep++) {
      for (int from = 0; from + chunk <= rows; from += chunk) {
        for (int g = 0; g < NON_ZEROS; g++) {
          int row = (int) Long.remainderUnsigned(RowHash.draw(RowHash.rowKey(sweep, 1, from), g) >>> 1, m);
          kernels.addCombination(a, from, chunk, w, coef, 0, sketch, row * w);
        }
      }
    }
  }

  /** The fastest of the timed runs after one warm-up, once they agree ({@link SettledTiming}), in seconds. */
  private static double best(Runnable work) {
    work.run();
    return SettledTiming.of(work, 0.0, CAP_SECONDS).best();
  }
}
