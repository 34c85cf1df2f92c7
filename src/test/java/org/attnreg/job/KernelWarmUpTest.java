package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.InverseLinkFit;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.StartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The start-up warm-up runs every family's solve code to its end, and stops when asked. */
class KernelWarmUpTest {

  static List<String> families() {
    return LossFamilies.ids();
  }

  @ParameterizedTest
  @MethodSource("families")
  void everySolveOfTheWarmUpRunsToItsEnd(String id) {
    // a solve that threw would end the warm-up early, leaving the kernels cold
    assertEquals(KernelWarmUp.MAX_SOLVES, new KernelWarmUp(LossFamilies.byId(id)).run(LossFamilies.byId(id)), id);
  }

  @Test
  void theWarmUpRowsIncludeTargetsTheLeastSquaresStartLeavesOut() {
    // real data has such rows (b ≤ 0 under exp's log); their zero weights must have run before the solve
    InverseLinkFit fit = ((StartPolicy) LossFamilies.byId("exp")).inverseLinkFit();
    int left = 0;
    int rows = 0;
    for (List<RowBlock> part : KernelWarmUp.partitions(18)) {
      for (RowBlock block : part) {
        for (double b : block.b()) {
          rows++;
          left += Double.isFinite(fit.target(b)) ? 0 : 1;
        }
      }
    }
    assertTrue(left > 0 && left < rows / 10, left + " of " + rows + " rows left out");
  }

  @Test
  void closingStopsTheThread() throws InterruptedException {
    KernelWarmUp warmUp = KernelWarmUp.start(LossFamilies.byId("softmax"));
    warmUp.close();
    assertTrue(warmUp.awaitEnd(30_000), "the warm-up thread ends after its current solve");
  }
}
