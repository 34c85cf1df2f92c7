package org.attnreg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Passes per iteration in the quadratic phase, read from a solve's trace.csv. */
class QuadraticPhaseTest {
  private static final String HEADER =
      "iteration,loss,gradient_norm,newton_decrement,step_size,damping,value_passes,passes,rows_kept,note\n";

  @Test
  void countsTheIterationsAfterAnUndampedFullStepExceptTheFirst() {
    String trace = HEADER
        + "0,10,5,3,1.0,0.0,1,2,100,\n" // the step to iterate 1 is full, but iteration 1 is the first
        + "1,4,3,2,0.5,0.0,2,3,100,\"a halved step, with a comma\"\n"
        + "2,2,1,1,1.0,0.0,1,3,100,\n" // iteration 2 followed a halved step: not quadratic
        + "3,1,0.1,0.1,1.0,0.0,1,1,100,\n"
        + "4,0.5,0.01,0.01,1.0,2.5,1,1,100,\n"
        + "5,0.4,0.001,0.001,1.0,0.0,1,4,100,\n" // after a damped step: not quadratic
        + "6,0.3,1e-9,,,0.0,0,2,100,\"converged\"\n";
    QuadraticPhase phase = QuadraticPhase.of(trace);
    // Iterations 3 (after row 2), 4 (after row 3) and 6 (after row 5): passes 1, 1 and 2.
    assertEquals(3, phase.iterations());
    assertEquals(4.0 / 3, phase.passesPerIteration(), 1e-15);
    assertFalse(phase.estimated());
  }

  @Test
  void withoutAPassesColumnCountsTheLineSearchBeforePlusOneDerivativePass() {
    String trace = "iteration,loss,gradient_norm,newton_decrement,step_size,damping,value_passes,note\n"
        + "0,10,5,3,1.0,0.0,1,\n"
        + "1,4,3,2,1.0,0.0,2,\n"
        + "2,2,1,,,0.0,0,\n";
    QuadraticPhase phase = QuadraticPhase.of(trace);
    assertEquals(1, phase.iterations());
    assertEquals(3.0, phase.passesPerIteration(), 0.0); // row 1's two value passes plus the derivative pass at 2
    assertTrue(phase.estimated());
  }

  @Test
  void noQuadraticIterationGivesNaN() {
    QuadraticPhase phase = QuadraticPhase.of(HEADER + "0,10,5,3,0.5,0.0,1,2,100,\n1,9,4,,,0.0,0,2,100,\n");
    assertEquals(0, phase.iterations());
    assertTrue(Double.isNaN(phase.passesPerIteration()));
  }

  @Test
  void badFieldsNameTheLineAndColumn() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> QuadraticPhase.of(HEADER
        + "0,10,5,3,1.0,0.0,1,2,100,\n1,4,3,2,1.0,0.0,1,x,100,\n2,2,1,1,1.0,0.0,1,1,100,\n"));
    assertEquals("trace.csv:3: field 8 'x' is not a number", bad.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> QuadraticPhase.of("iteration,loss\n0,1\n"));
    assertTrue(missing.getMessage().startsWith("trace.csv: no column 'step_size'"), missing.getMessage());
  }
}
