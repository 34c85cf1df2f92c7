package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnreg.stats.Curvature;
import org.junit.jupiter.api.Test;

class SketchFactoryTest {

  @Test
  void mapsEveryKind() {
    assertInstanceOf(LeverageSampler.class, Sketches.create("leverage", 0, 0.5, 1));
    assertInstanceOf(SparseSignSketch.class, Sketches.create("Sparse-Sign", 400, Double.NaN, 1));
    assertInstanceOf(GaussianSketch.class, Sketches.create("gaussian", 50, 0.0, 1));
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sketches.create("countsketch", 10, 0.5, 1))
        .getMessage().contains("countsketch"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sketches.create("gaussian", -3, 0.5, 1))
        .getMessage().contains("--sketch-size"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sketches.create("leverage", 0, 1.5, 1))
        .getMessage().contains("--epsilon"));
    assertThrows(IllegalArgumentException.class, () -> Sketches.create(null, 10, 0.5, 1));
  }

  @Test
  void explicitSizeWinsOverEpsilon() {
    Curvature c = Sketches.create("sparse-sign", 123, 0.1, 1);
    assertEquals(123, c.newAccumulator(7, 0).rowsKept());
  }

  @Test
  void epsilonRulesGrowAsEpsilonShrinks() {
    SketchSize half = SketchSize.ofEpsilon(0.5);
    SketchSize tenth = SketchSize.ofEpsilon(0.1);
    assertTrue(tenth.rowsFor(10) > 20 * half.rowsFor(10));
    assertTrue(half.rowsFor(40) > half.rowsFor(10));
    assertEquals(685, half.rowsFor(10), "m = ⌈(√d + √(2 ln(2/δ)))²/(√(1+ε) − 1)²⌉ at d=10, ε=½, δ=0.05");
    assertTrue(tenth.oversamplingFor(10, 16) > 20 * half.oversamplingFor(10, 16));
    assertEquals(30.0, SketchSize.ofRows(300).oversamplingFor(10, 16), 1e-12);
  }

  @Test
  void oversizedLinearSketchIsRefused() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SketchSize.ofEpsilon(0.001).rowsFor(4096))
        .getMessage().contains("leverage"));
  }
}
