package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;
import org.junit.jupiter.api.Test;

/** {@code auto} as a pure function of the shape and injected kernel speeds. */
class SketchHessianChoiceTest {
  /** Speeds of the order this machine kind measures: Gram 10 GFLOP/s, placement and level 1 at 2·10⁹/s. */
  private static final HessianChoice.Speeds TYPICAL = new HessianChoice.Speeds(1e10, 2e9, 2e9);
  private static final Curvature GN = Sketches.create("gauss-newton", 0, 0.5, 1);

  private static HessianChoice.Decision dense(long n, int d, HessianChoice.Speeds speeds) {
    return HessianChoice.decide(new HessianChoice.Shape(n, d, n * d, 2), speeds, GN);
  }

  @Test
  void wideDenseRowsPickTheSketchAndNarrowOnesTheExactGram() {
    assertFalse(dense(200_000, 512, TYPICAL).exact(), dense(200_000, 512, TYPICAL).reason());
    assertFalse(dense(100_000, 1024, TYPICAL).exact());
    assertTrue(dense(1_000_000, 32, TYPICAL).exact(), dense(1_000_000, 32, TYPICAL).reason());
  }

  @Test
  void theChoiceFollowsTheMeasuredSpeeds() {
    // The same shape flips when the measured Gram kernel is 50× faster (a native BLAS) relative to the rest.
    HessianChoice.Speeds fastGram = new HessianChoice.Speeds(5e11, 2e9, 2e9);
    assertFalse(dense(200_000, 384, TYPICAL).exact(), dense(200_000, 384, TYPICAL).reason());
    assertTrue(dense(200_000, 384, fastGram).exact(), dense(200_000, 384, fastGram).reason());
    // and it is a pure function of what was measured
    assertEquals(dense(200_000, 384, TYPICAL), dense(200_000, 384, TYPICAL));
    assertEquals("sketch", dense(200_000, 384, TYPICAL).asMap().get("choice"));
    assertEquals(1e10, dense(200_000, 384, TYPICAL).asMap().get("gram_rate"));
  }

  @Test
  void partitionsThatFitTheirSketchMeanExact() {
    // 2 partitions × 3d rows = 3072 rows: all of n = 3000, so the sketch would be the exact Gram.
    assertTrue(dense(3000, 512, TYPICAL).exact());
    assertFalse(HessianChoice.decide(new HessianChoice.Shape(200_000, 512, 200_000L * 512, 2), TYPICAL, GN).exact());
    assertTrue(HessianChoice.decide(new HessianChoice.Shape(200_000, 512, 200_000L * 512, 200), TYPICAL, GN).exact(),
        "200 partitions × 1536 rows cover n");
  }

  @Test
  void verySparseRowsKeepTheExactGramCheap() {
    long n = 1_000_000;
    assertTrue(HessianChoice.decide(new HessianChoice.Shape(n, 2048, n * 20, 2), TYPICAL, GN).exact());
    assertFalse(HessianChoice.decide(new HessianChoice.Shape(n, 2048, n * 2000, 2), TYPICAL, GN).exact());
  }

  @Test
  void theProbeMeasuresPositiveSpeeds() {
    HessianChoice.Speeds s = KernelProbe.measure(64);
    assertTrue(s.gramRate() > 0 && s.placementRate() > 0 && s.level1Rate() > 0, s.toString());
  }

  @Test
  void selectMapsTheCommandLineModes() {
    Curvature sketch = Sketches.create("leverage", 0, 0.5, 1);
    assertInstanceOf(ExactCurvature.class, HessianChoice.select("exact", sketch, 1000, 128, 128_000));
    assertSame(sketch, HessianChoice.select("sketch", sketch, 10, 2, 20));
    assertInstanceOf(ExactCurvature.class, HessianChoice.select("AUTO", GN, 100, 16, 1600), "n within one sketch");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HessianChoice.select("approx", sketch, 10, 8, 80))
        .getMessage().contains("--hessian"));
  }
}
