package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;
import org.junit.jupiter.api.Test;

/** {@code auto} as a pure function of the shape and injected kernel speeds. */
class SketchHessianChoiceTest {
  /** Speeds this machine kind measures (one core): Gram 10¹⁰, placement 3·10⁹, row sweep 4·10⁹ multiply-adds/s. */
  private static final HessianChoice.Speeds TYPICAL = new HessianChoice.Speeds(1e10, 3e9, 4e9);
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
    // a native dsyrk that an exact solve would run at 3× the built-in kernel's rate makes exact cheaper
    // where the built-in rate alone would pick the sketch (the sketch keeps folding on the built-in kernel)
    HessianChoice.Speeds nativeGram = new HessianChoice.Speeds(1e10, 3e9, 4e9, 3e10);
    assertTrue(dense(200_000, 384, nativeGram).exact(), dense(200_000, 384, nativeGram).reason());
        // and it is a pure function of what was measured
    assertEquals(dense(200_000, 384, TYPICAL), dense(200_000, 384, TYPICAL));
    assertEquals("sketch", dense(200_000, 384, TYPICAL).asMap().get("choice"));
    assertEquals(1e10, ((Map<?, ?>) dense(200_000, 384, TYPICAL).asMap().get("rates")).get("gram"));
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

  private static HessianChoice.Shape shape(long n, int d, long nnz) {
    return new HessianChoice.Shape(n, d, nnz, 2);
  }

  @Test
  void selectMapsTheCommandLineModes() {
    Curvature sketch = Sketches.create("leverage", 0, 0.5, 1);
    HessianChoice.Selection exact = HessianChoice.select("exact", sketch, shape(1000, 128, 128_000));
    assertInstanceOf(ExactCurvature.class, exact.curvature());
    assertNull(exact.decision(), "a forced mode measures nothing");
    assertSame(sketch, HessianChoice.select("sketch", sketch, shape(10, 2, 20)).curvature());
    HessianChoice.Selection small = HessianChoice.select("AUTO", GN, shape(100, 16, 1600));
    assertInstanceOf(ExactCurvature.class, small.curvature(), "d = 16 is exact at any speed");
    assertNull(small.decision(), "and measures nothing");
    assertEquals("exact", small.asMap().get("choice"));
    HessianChoice.Selection tiny = HessianChoice.select("auto", GN, shape(100, 128, 12_800));
    assertInstanceOf(ExactCurvature.class, tiny.curvature(), "an exact solve this small costs less than the probe");
    assertNull(tiny.decision());
    assertTrue(((String) tiny.asMap().get("reason")).contains("smaller than measuring"), tiny.asMap().toString());
    HessianChoice.Selection auto = HessianChoice.select("auto", GN, shape(100_000, 128, 12_800_000));
    assertEquals(auto.decision().exact() ? "exact" : "sketch", auto.asMap().get("choice"), "auto records its decision");
    assertEquals(auto.decision().exactSeconds(), ((Map<?, ?>) auto.asMap().get("seconds_per_iteration")).get("exact"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HessianChoice.select("approx", sketch, shape(10, 8, 80)))
        .getMessage().contains("--hessian"));
  }

  @Test
  void narrowDenseRowsAreExactWithoutMeasuring() {
    assertTrue(HessianChoice.exactAtAnySpeeds(shape(1_000_000, 16, 16_000_000)));
    assertTrue(HessianChoice.exactAtAnySpeeds(shape(4000, 6, 24_000)));
    assertFalse(HessianChoice.exactAtAnySpeeds(shape(1_000_000, 17, 17_000_000)), "d = 17 is measured");
    // sparse: the Gram costs Σ nnz(a_i)², small against the base work when rows hold few non-zeros
    assertTrue(HessianChoice.exactAtAnySpeeds(shape(1_000_000, 2048, 10_000_000)));
    assertFalse(HessianChoice.exactAtAnySpeeds(shape(1_000_000, 2048, 200_000_000)));
  }

  @Test
  void smallSolvesAreExactWithoutMeasuring() {
    // the 54 000 × 21 instance of the end-to-end bench: 6 exact Grams are 1.4e8 multiply-adds
    assertEquals(null, HessianChoice.unmeasuredReason(shape(1_000_000, 32, 32_000_000)), "10⁶ × 32 is measured");
    assertTrue(HessianChoice.unmeasuredReason(shape(54_000, 21, 54_000 * 21)).contains("smaller than measuring"));
  }

  @Test
  void autoMayResumeEitherChoice() {
    assertEquals(java.util.List.of("exact", GN.id()),
        HessianChoice.candidates("auto", GN).stream().map(Curvature::id).toList());
    assertEquals(java.util.List.of(GN.id()), HessianChoice.candidates("sketch", GN).stream().map(Curvature::id).toList());
    assertEquals(java.util.List.of("exact"), HessianChoice.candidates("exact", GN).stream().map(Curvature::id).toList());
  }
}
