package org.attnreg.sketch;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.attnreg.linalg.GramKernel;
import org.attnreg.linalg.GramScratch;

/**
 * Times the kernels {@link HessianChoice} weighs, on a small synthetic dense block of the data's
 * width (at most {@value #MAX_WIDTH} columns, about {@value #TARGET_WORK} multiply-adds each, best of
 * {@value #REPEATS} after a warm-up), in this JVM: tenths of a second, against the seconds an exact
 * Gram pass costs where the choice matters.
 */
final class KernelProbe {
  static final int MAX_WIDTH = 1024;
  static final double TARGET_WORK = 5e7;
  static final int REPEATS = 3;
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
    int m = 3 * w;
    double[] sketch = new double[m * w];
    int sweeps = (int) Math.max(1, TARGET_WORK / ((double) rows * w * NON_ZEROS));
    double placeSeconds = best(() -> place(a, rows, w, sketch, m, sweeps));
    double[] x = new double[w];
    Arrays.fill(x, 0.01);
    double[] z = new double[rows];
    int level1Sweeps = (int) Math.max(1, TARGET_WORK / ((double) rows * w));
    double level1Seconds = best(() -> margins(a, rows, w, x, z, level1Sweeps));
    if (gram[0] + sketch[0] + z[0] == 42.0) {
      throw new AssertionError(); // keeps the timed work observable
    }
    return new HessianChoice.Speeds((double) rows * w * w / gramSeconds,
        (double) rows * w * NON_ZEROS * sweeps / placeSeconds, (double) rows * w * level1Sweeps / level1Seconds);
  }

  /**
   * Every row added with a hashed sign into s combinations of its chunk, each added to a hashed row
   * of the m×w sketch, as the Gauss–Newton sketch places dense rows.
   */
  private static void place(double[] a, int rows, int w, double[] sketch, int m, int sweeps) {
    double[] combined = new double[w];
    int chunk = GaussNewtonGram.CHUNK;
    for (int sweep = 0; sweep < sweeps; sweep++) {
      for (int from = 0; from < rows; from += chunk) {
        int to = Math.min(rows, from + chunk);
        for (int g = 0; g < NON_ZEROS; g++) {
          Arrays.fill(combined, 0.0);
          for (int i = from; i < to; i++) {
            double c = (RowHash.draw(RowHash.rowKey(sweep, 0, i), g) & 1L) == 0 ? 0.5 : -0.5;
            for (int j = 0; j < w; j++) {
              combined[j] += c * a[i * w + j];
            }
          }
          int offset = (int) Long.remainderUnsigned(RowHash.draw(RowHash.rowKey(sweep, 1, from), g) >>> 1, m) * w;
          for (int j = 0; j < w; j++) {
            sketch[offset + j] += combined[j];
          }
        }
      }
    }
  }

  private static void margins(double[] a, int rows, int w, double[] x, double[] z, int sweeps) {
    for (int sweep = 0; sweep < sweeps; sweep++) {
      for (int i = 0; i < rows; i++) {
        double s = 0.0;
        for (int j = 0; j < w; j++) {
          s += a[i * w + j] * x[j];
        }
        z[i] += s;
      }
    }
  }

  /** The fastest of {@value #REPEATS} timed runs after one warm-up, in seconds (never 0). */
  private static double best(Runnable work) {
    work.run();
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < REPEATS; r++) {
      long t0 = System.nanoTime();
      work.run();
      best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
    }
    return Math.max(best, 1e-9);
  }
}
