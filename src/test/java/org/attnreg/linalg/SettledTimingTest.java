package org.attnreg.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SettledTimingTest {

  @Test
  void coldCallsThatAgreeWithEachOtherDoNotEndTheTimingOnceFasterCallsFollow() {
    SettledTiming t = new SettledTiming(0.0, 10.0);
    assertFalse(t.add(0.022), "one call is not a settled speed");
    assertFalse(t.add(0.021));
    assertFalse(t.add(0.0005), "compiled at last: the spread is now 44×");
    assertFalse(t.add(0.0005));
    assertTrue(t.add(0.0006), "three calls within 1.25×");
    assertTrue(t.settled());
    assertEquals(0.0005, t.best());
  }

  @Test
  void aSettledKernelIsTimedUntilTheBudgetIsSpent() {
    SettledTiming t = new SettledTiming(0.01, 10.0);
    for (int k = 0; k < 3; k++) {
      assertFalse(t.add(0.001), "settled, but only " + (k + 1) + " ms spent");
    }
    assertTrue(t.settled());
    for (int k = 0; k < 6; k++) {
      assertFalse(t.add(0.001));
    }
    assertTrue(t.add(0.001), "10 ms spent");
  }

  @Test
  void theCapEndsAnUnsettledTimingWithItsFastestCall() {
    SettledTiming t = new SettledTiming(0.0, 0.1);
    double[] calls = {0.01, 0.03, 0.01, 0.03, 0.01, 0.03};
    boolean done = false;
    for (double c : calls) {
      assertFalse(done, "stopped too early");
      done = t.add(c);
    }
    assertTrue(done, "0.12 s spent, past the 0.1 s cap");
    assertFalse(t.settled(), "3× apart");
    assertEquals(0.01, t.best());
  }

  @Test
  void warmUpCallsCountAgainstTheCapOnlyAndAreNeverScored() {
    SettledTiming t = new SettledTiming(0.0, 0.05);
    assertFalse(t.warmUp(0.001));
    assertEquals(Double.POSITIVE_INFINITY, t.best(), "no scored call yet");
    assertTrue(t.warmUp(0.06), "past the cap");
    assertFalse(t.settled());
  }

  @Test
  void ofTimesARealCallUntilItSettles() {
    double[] sink = new double[1];
    SettledTiming t = SettledTiming.of(() -> {
      for (int i = 0; i < 100_000; i++) {
        sink[0] += Math.sqrt(i);
      }
    }, 0.0, 5.0);
    assertTrue(t.best() > 0 && t.best() < 5.0, "best " + t.best());
    assertTrue(sink[0] > 0);
  }
}
