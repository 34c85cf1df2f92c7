package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnboundedDetectorTest {
  private static final double[] DIRECTION = {0.6, 0.8};

  private static double[] along(double t) {
    return new double[] {1.0 + t * DIRECTION[0], 2.0 + t * DIRECTION[1]};
  }

  /** Newton on {@code L(x + te) = e^{2t}L}: steps of ½ along e, loss × e^{-1} per step. */
  @Test
  void firesAfterAWindowOfGeometricDecreaseWithSteadySteps() {
    UnboundedDetector detector = new UnboundedDetector();
    for (int k = 0; k < UnboundedDetector.WINDOW; k++) {
      assertFalse(detector.observe(Math.exp(-k), along(0.5 * k)), "fired early at " + k);
    }
    assertTrue(detector.observe(Math.exp(-UnboundedDetector.WINDOW), along(0.5 * UnboundedDetector.WINDOW)));
    assertTrue(detector.explanation().contains("no minimiser"), detector.explanation());
  }

  /** Linear convergence at rate r: steps ∝ r^k, loss ∝ r^{2k}, ‖x‖ growing towards ‖x*‖. */
  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.6, 0.85, 0.9, 0.95, 0.99})
  void neverFiresOnAConvergingIteration(double rate) {
    UnboundedDetector detector = new UnboundedDetector();
    for (int k = 0; k < 200; k++) {
      double remaining = Math.pow(rate, k);
      assertFalse(detector.observe(remaining * remaining, along(10.0 * (1.0 - remaining))), "fired at " + k);
    }
  }

  @Test
  void needsTheNormToGrow() {
    UnboundedDetector detector = new UnboundedDetector();
    for (int k = 0; k < 20; k++) {
      double angle = 0.3 * k; // steady steps on a circle: ‖x‖ constant
      assertFalse(detector.observe(Math.exp(-k), new double[] {Math.cos(angle), Math.sin(angle)}), "fired at " + k);
    }
  }

  @Test
  void needsTheLossToFallGeometrically() {
    UnboundedDetector detector = new UnboundedDetector();
    for (int k = 0; k < 20; k++) {
      assertFalse(detector.observe(1.0 + 1.0 / (k + 1), along(0.5 * k)), "fired at " + k);
    }
  }
}
