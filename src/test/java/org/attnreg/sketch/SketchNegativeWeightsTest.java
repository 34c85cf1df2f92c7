package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.Test;

/** Rows with h_i &lt; 0 have no square root: they must be added exactly, never sketched. */
class SketchNegativeWeightsTest {
  private static final int N = 2000;
  private static final int D = 10;

  @Test
  void negativePartEqualsTheExactNegativeGram() {
    double[][] a = SketchTestkit.unevenRows(N, D, 2, 21);
    double[] h = SketchTestkit.positiveWeights(N, 22);
    double[] positive = h.clone();
    double[] negative = new double[N];
    int negatives = 0;
    for (int i = 3; i < N; i += 41) {
      h[i] = -2.0 * h[i];
      positive[i] = 0.0;
      negative[i] = h[i];
      negatives++;
    }
    double[] exactNegative = SketchTestkit.exactGram(a, negative);
    Curvature leverage = new LeverageSampler(SketchSize.ofEpsilon(0.5), 8)
        .withScoresFrom(SketchTestkit.exactGram(a, positive), D);
    for (boolean sparse : new boolean[] {false, true}) {
      List<List<RowBlock>> parts = SketchTestkit.partitions(a, 300, 3, sparse);
      for (Curvature c : List.of(leverage, new SparseSignSketch(SketchSize.ofRows(80), 8),
          new GaussianSketch(SketchSize.ofRows(40), 8))) {
        SplitAccumulator mixed = (SplitAccumulator) SketchTestkit.accumulate(c, D, 1, parts, h);
        double[] onlyPositive = SketchTestkit.accumulate(c, D, 1, parts, positive).gram();
        double[] negativePart = mixed.gram();
        for (int j = 0; j < negativePart.length; j++) {
          negativePart[j] -= onlyPositive[j];
        }
        double diff = SketchTestkit.maxAbsDifference(exactNegative, negativePart);
        assertTrue(diff <= Tolerances.REORDERED_SUM * SketchTestkit.maxAbs(onlyPositive),
            c.id() + (sparse ? " sparse" : " dense") + ": negative part off by " + diff);
        assertEquals(negatives, mixed.negativeRows(), c.id() + ": negative rows counted");
      }
    }
  }

  @Test
  void allNegativeWeightsGiveTheExactGram() {
    double[][] a = SketchTestkit.unevenRows(300, D, 0, 23);
    double[] h = SketchTestkit.positiveWeights(300, 24);
    for (int i = 0; i < h.length; i++) {
      h[i] = -h[i];
    }
    double[] exact = SketchTestkit.exactGram(a, h);
    Curvature.Accumulator acc = SketchTestkit.accumulate(new SparseSignSketch(SketchSize.ofRows(30), 1), D, 0,
        SketchTestkit.partitions(a, 64, 2, false), h);
    double diff = SketchTestkit.maxAbsDifference(exact, acc.gram());
    assertTrue(diff <= Tolerances.REORDERED_SUM * SketchTestkit.maxAbs(exact), "off by " + diff);
  }
}
