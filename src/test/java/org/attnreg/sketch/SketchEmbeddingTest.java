package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;
import org.junit.jupiter.api.Test;

/**
 * Subspace-embedding quality: over 50 seeds, at least 90 % of the sketched Grams satisfy
 * {@code (1−ε)G ⪯ G̃ ⪯ (1+ε)G} for the ε the size rule was asked for. The rules are sized for
 * δ = {@value SketchSize#FAILURE_PROBABILITY}, so 90 % leaves room without being vacuous.
 */
class SketchEmbeddingTest {
  private static final int N = 4000;
  private static final int SEEDS = 50;
  private static final double REQUIRED_FRACTION = 0.9;

  private record Case(double[][] a, double[] h, double[] exact, List<List<RowBlock>> parts) {
    static Case of(int d, int heavy) {
      double[][] a = SketchTestkit.unevenRows(N, d, heavy, 100 + d);
      double[] h = SketchTestkit.positiveWeights(N, 200 + d);
      return new Case(a, h, SketchTestkit.exactGram(a, h), SketchTestkit.partitions(a, 512, 3, false));
    }
  }

  private static void assertEmbeds(String kind, int d, double epsilon, boolean withScores) {
    Case c = Case.of(d, 5);
    assertEmbeds(kind, c, c.exact, d, epsilon, withScores);
  }

  private static void assertEmbeds(String kind, Case c, double[] scoreHessian, int d, double epsilon,
      boolean withScores) {
    int good = 0;
    double worst = 0.0;
    long kept = 0;
    for (int s = 0; s < SEEDS; s++) {
      Curvature curvature = Sketches.create(kind, 0, epsilon, 31L * s + 7);
      if (withScores) {
        LeverageSampler sampler = ((LeverageSampler) curvature).withScoresFrom(scoreHessian, d);
        assertTrue(sampler.hasScores(), "scores must be built from the given Hessian");
        curvature = sampler;
      }
      Curvature.Accumulator acc = SketchTestkit.accumulate(curvature, d, 2, c.parts, c.h);
      double error = SketchTestkit.spectralError(c.exact, acc.gram(), d);
      good += error <= epsilon ? 1 : 0;
      worst = Math.max(worst, error);
      kept += acc.rowsKept();
    }
    String what = kind + (withScores ? "" : " (no scores yet)") + ", d=" + d + ", ε=" + epsilon;
    assertTrue(good >= REQUIRED_FRACTION * SEEDS, what + ": only " + good + "/" + SEEDS + " seeds within ε (worst "
        + worst + ")");
    assertTrue(kept / SEEDS < N / 2, what + ": kept " + kept / SEEDS + " of " + N + " rows, no sketching at all");
  }

  @Test
  void leverageSamplingEmbedsAtHalf() {
    assertEmbeds("leverage", 20, 0.5, true);
  }

  @Test
  void leverageSamplingEmbedsAtQuarter() {
    assertEmbeds("leverage", 10, 0.25, true);
  }

  @Test
  void leverageScoresFromAnIndefiniteHessianUseItsAbsoluteValue() {
    int d = 12;
    Case c = Case.of(d, 5);
    // Flip the largest eigenvalue: M = G − 2λvvᵀ is indefinite with |M| = G, so the scores are exact.
    double[] v = c.exact.clone();
    double[] lambda = new double[d];
    double[] work = new double[4 * d];
    org.netlib.util.intW info = new org.netlib.util.intW(0);
    org.attnreg.linalg.Blas.lapack().dsyev("V", "L", d, v, d, lambda, work, work.length, info);
    double[] indefinite = c.exact.clone();
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        indefinite[j * d + k] -= 2.0 * lambda[d - 1] * v[(d - 1) * d + j] * v[(d - 1) * d + k];
      }
    }
    assertEmbeds("leverage", c, indefinite, d, 0.5, true);
  }

  @Test
  void leverageWithoutScoresFallsBackToAnObliviousEmbedding() {
    assertEmbeds("leverage", 10, 0.5, false);
  }

  @Test
  void sparseSignEmbedsAtHalf() {
    assertEmbeds("sparse-sign", 20, 0.5, false);
  }

  @Test
  void gaussianEmbedsAtHalf() {
    assertEmbeds("gaussian", 10, 0.5, false);
  }

  @Test
  void leverageSamplingKeepsTheHeavyRows() {
    Case c = Case.of(10, 5);
    Curvature curvature = new LeverageSampler(SketchSize.ofRows(100), 3).withScoresFrom(c.exact, 10);
    // Rows 0..4 are ×50: their leverage is near 1, so p_i = 1 and each is kept with weight h_i.
    double[] onlyHeavy = new double[N];
    System.arraycopy(c.h, 0, onlyHeavy, 0, 5);
    Curvature.Accumulator acc = SketchTestkit.accumulate(curvature, 10, 0, c.parts, onlyHeavy);
    double[] expected = SketchTestkit.exactGram(c.a, onlyHeavy);
    assertTrue(acc.rowsKept() == 5, "kept " + acc.rowsKept() + " rows, expected the 5 heavy ones");
    assertTrue(SketchTestkit.maxAbsDifference(expected, acc.gram()) <= 1e-12 * SketchTestkit.maxAbs(expected),
        "heavy rows must enter with their exact weight");
  }
}
