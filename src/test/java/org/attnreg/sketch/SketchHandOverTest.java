package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.CurvatureState;
import org.attnreg.stats.Derivatives;
import org.junit.jupiter.api.Test;

/** The Gauss–Newton sketch's hand-over to the exact Hessian, and its checkpoint state. */
class SketchHandOverTest {
  private static final GaussNewtonSketch FRESH = new GaussNewtonSketch(SketchSize.ofEpsilon(0.5), 1);

  /** Derivatives whose true-scale gradient norm is {@code norm}, with a Hessian that tells them apart. */
  private static Derivatives withGradientNorm(double norm) {
    return new Derivatives(1.0, new double[] {norm, 0.0}, new double[] {2.0 + norm, 0.5, 0.5, 1.0}, 0.0, 1, null);
  }

  private static GaussNewtonSketch after(Curvature c, double... norms) {
    for (double norm : norms) {
      c = c.after(withGradientNorm(norm));
    }
    return (GaussNewtonSketch) c;
  }

  @Test
  void handsOverOnceTheGradientIsSmallOrTheSketchStalls() {
    assertFalse(after(FRESH, 1.0, 0.5, 0.3).handedOver(), "fast progress keeps the sketch");
    assertFalse(after(FRESH, 1.0, 0.5, 0.3, 0.11).handedOver(), "not yet below 1e-1 of the first norm");
    assertTrue(after(FRESH, 1.0, 0.5, 0.3, 0.11, 0.09).handedOver(), "below 1e-1 of the first norm");
    assertTrue(after(FRESH, 1.0, 0.5, 0.3, 0.11, 0.09).refinedByProducts(),
        "from there the steps are refined with exact products");
    assertFalse(after(FRESH, 1.0, 0.3).refinedByProducts());
    assertFalse(after(FRESH, 1.0, 0.8).handedOver(), "one slow iteration is not a stall yet");
    assertTrue(after(FRESH, 1.0, 0.8, 0.7).handedOver(), "two slow iterations in a row are");
    assertFalse(after(FRESH, 1.0, 0.8, 0.3, 0.25).handedOver(), "a fast one in between resets the count");
    assertTrue(after(FRESH, 1.0, 0.8, 0.7, 0.01, 0.001).handedOver(), "and the hand-over is for good");
  }

  @Test
  void theStateRestoresTheSameRuleAndRefusesNonsense() {
    GaussNewtonSketch midway = after(FRESH, 1.0, 0.8);
    CurvatureState state = midway.state();
    assertTrue(FRESH.state().isEmpty(), "nothing seen, nothing to save");
    GaussNewtonSketch restored = (GaussNewtonSketch) FRESH.restore(state);
    assertEquals(state.counters(), restored.state().counters());
    assertArrayEquals(state.matrices().get("finish_progress").values(),
        restored.state().matrices().get("finish_progress").values(), 0.0);
    // restored and uninterrupted agree on the next iteration's hand-over
    assertEquals(after(midway, 0.7).handedOver(), after(restored, 0.7).handedOver());
    assertTrue(after(restored, 0.7).handedOver());
    CurvatureState bad = new CurvatureState(Map.of("finish_switched", 3L, "finish_stalls", 0L), state.matrices());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FRESH.restore(bad)).getMessage()
        .contains("out of range"));
  }

  @Test
  void theIterationThatBeginsTheFinishKeepsItsHessianAsEveryLaterPreconditioner() {
    GaussNewtonSketch sketching = after(FRESH, 1.0, 0.5);
    Derivatives own = withGradientNorm(0.4);
    assertArrayEquals(own.hessian(), sketching.preconditioner(own), 0.0, "before the finish: the iteration's own");
    assertFalse(sketching.state().matrices().containsKey("preconditioner"));
    GaussNewtonSketch finishing = after(sketching, 0.05); // begins the finish: this Hessian is kept
    double[] kept = withGradientNorm(0.05).hessian();
    // a later iteration's derivatives carry another Hessian (its pass took only the gradient) and
    // another scale: the kept one comes back in their units
    Derivatives later = new Derivatives(1.0, new double[] {1e-3, 0.0}, new double[4], Math.log(2.0), 0, null);
    double[] expected = kept.clone();
    for (int j = 0; j < expected.length; j++) {
      expected[j] *= 0.5;
    }
    assertArrayEquals(expected, after(finishing, 0.01).preconditioner(later), 1e-15, "kept, rescaled");
    assertFalse(finishing.approximate(), "a reusing pass has no Hessian of its own to diagnose");
    // through plain data, as through a checkpoint file
    CurvatureState state = finishing.state();
    assertEquals(new CurvatureState.Shape(2, 2), state.matrices().get("preconditioner").shape());
    GaussNewtonSketch restored = (GaussNewtonSketch) FRESH.restore(state);
    assertArrayEquals(finishing.preconditioner(later), restored.preconditioner(later), 0.0);
    assertTrue(restored.refinedByProducts());
    // a preconditioner before the finish, or without its scale, is refused
    Map<String, CurvatureState.Matrix> early = new java.util.HashMap<>(state.matrices());
    CurvatureState notSwitched = new CurvatureState(Map.of("finish_switched", 0L, "finish_stalls", 0L), early);
    assertThrows(IllegalArgumentException.class, () -> FRESH.restore(notSwitched));
    Map<String, CurvatureState.Matrix> noScale = new java.util.HashMap<>(state.matrices());
    noScale.remove("preconditioner_log_scale");
    assertThrows(IllegalArgumentException.class, () -> FRESH.restore(new CurvatureState(state.counters(), noScale)));
  }
}
