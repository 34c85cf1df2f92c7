package org.attnreg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The e2e section reports the median run of interleaved cold runs, on both sides of a comparison. */
class E2eMedianTest {

  @Test
  void theMedianRunIsTheMiddleOneByTimeWhateverTheOrder() {
    assertEquals(2, E2eBench.medianIndex(new double[] {1.5, 0.9, 1.1}));
    assertEquals(0, E2eBench.medianIndex(new double[] {1.1, 0.9, 1.5}));
    assertEquals(0, E2eBench.medianIndex(new double[] {4.0}));
    assertEquals(3, E2eBench.medianIndex(new double[] {5.0, 1.0, 9.0, 2.0}), "the lower middle of an even count");
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(1.1, E2eBench.median(new double[] {1.5, 0.9, 1.1}));
    assertEquals(3.5, E2eBench.median(new double[] {5.0, 1.0, 9.0, 2.0}));
  }
}
