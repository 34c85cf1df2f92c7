package org.attnreg.sketch;

import java.util.Arrays;
import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;

/**
 * Not a test: a measurement main, run by hand, that prints the achieved spectral ε of each sketch
 * kind over seeds (used to calibrate {@link SketchSize} and reported in the docs).
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.attnreg.sketch.SketchProbe}
 */
public final class SketchProbe {
  private SketchProbe() {}

  public static void main(String[] args) {
    int n = 4000;
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    for (int d : new int[] {10, 20}) {
      double[][] a = SketchTestkit.unevenRows(n, d, 5, 11 + d);
      double[] h = SketchTestkit.positiveWeights(n, 7);
      double[] exact = SketchTestkit.exactGram(a, h);
      List<List<RowBlock>> parts = SketchTestkit.partitions(a, 512, 3, false);
      for (double eps : new double[] {0.5, 0.25}) {
        for (String kind : Sketches.KINDS) {
          if (kind.equals("gaussian") && eps < 0.5) {
            continue;
          }
          double[] errors = new double[seeds];
          long kept = 0;
          for (int s = 0; s < seeds; s++) {
            Curvature c = Sketches.create(kind, 0, eps, 1000 + s);
            if (c instanceof LeverageSampler lev) {
              c = lev.withScoresFrom(exact, d);
            }
            Curvature.Accumulator acc = SketchTestkit.accumulate(c, d, 1, parts, h);
            errors[s] = SketchTestkit.spectralError(exact, acc.gram(), d);
            kept += acc.rowsKept();
          }
          Arrays.sort(errors);
          System.out.printf("d=%d eps=%.2f %-12s rows=%6d  achieved eps: median %.3f  90%% %.3f  max %.3f  (fraction <= eps: %.2f)%n",
              d, eps, kind, kept / seeds, errors[seeds / 2], errors[(int) (0.9 * seeds) - 1], errors[seeds - 1],
              Arrays.stream(errors).filter(e -> e <= eps).count() / (double) seeds);
        }
      }
    }
  }
}
