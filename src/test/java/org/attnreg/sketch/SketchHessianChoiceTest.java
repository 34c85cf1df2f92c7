package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;
import org.junit.jupiter.api.Test;

class SketchHessianChoiceTest {
  private static final long N = 4_000_000;

  @Test
  void denseBreakEvenLiesBetweenThirtyTwoAndOneTwentyEight() {
    assertTrue(HessianChoice.auto(N, 32, N * 32).exact(), HessianChoice.auto(N, 32, N * 32).reason());
    assertFalse(HessianChoice.auto(N, 128, N * 128).exact(), HessianChoice.auto(N, 128, N * 128).reason());
    assertFalse(HessianChoice.auto(N / 8, 512, N / 8 * 512).exact());
  }

  @Test
  void tooFewRowsToSketchMeansExact() {
    assertTrue(HessianChoice.auto(20_000, 512, 20_000L * 512).exact());
  }

  @Test
  void verySparseRowsKeepTheExactGramCheap() {
    assertTrue(HessianChoice.auto(N, 1000, N * 10).exact());
    assertFalse(HessianChoice.auto(N, 1000, N * 200).exact());
    // At d = 10⁴ the sketch's own m·d² Gram (m ≈ 2·10⁵ at ε = ½) outweighs even 200 non-zeros per row.
    assertTrue(HessianChoice.auto(N, 10_000, N * 200).exact());
  }

  @Test
  void selectMapsTheCommandLineModes() {
    Curvature sketch = Sketches.create("leverage", 0, 0.5, 1);
    assertInstanceOf(ExactCurvature.class, HessianChoice.select("exact", sketch, N, 128, N * 128));
    assertSame(sketch, HessianChoice.select("sketch", sketch, 10, 2, 20));
    assertSame(sketch, HessianChoice.select("AUTO", sketch, N, 128, N * 128));
    assertInstanceOf(ExactCurvature.class, HessianChoice.select("auto", sketch, N, 16, N * 16));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HessianChoice.select("approx", sketch, N, 8, N))
        .getMessage().contains("--hessian"));
  }
}
