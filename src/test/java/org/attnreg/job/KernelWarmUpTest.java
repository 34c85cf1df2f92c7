package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnreg.problem.LossFamilies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The start-up warm-up runs every family's solve code to its end, and stops when asked. */
class KernelWarmUpTest {

  static java.util.List<String> families() {
    return LossFamilies.ids();
  }

  @ParameterizedTest
  @MethodSource("families")
  void everySolveOfTheWarmUpRunsToItsEnd(String id) {
    // a solve that threw would end the warm-up early, leaving the kernels cold
    assertEquals(KernelWarmUp.MAX_SOLVES, new KernelWarmUp(LossFamilies.byId(id)).run(LossFamilies.byId(id)), id);
  }

  @Test
  void closingStopsTheThread() throws InterruptedException {
    KernelWarmUp warmUp = KernelWarmUp.start(LossFamilies.byId("softmax"));
    warmUp.close();
    assertTrue(warmUp.awaitEnd(30_000), "the warm-up thread ends after its current solve");
  }
}
