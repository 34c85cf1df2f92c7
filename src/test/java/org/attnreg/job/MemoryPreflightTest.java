package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The size preflight as a pure function of sizes and injected limits. */
class MemoryPreflightTest {
  private static final long GIB = 1L << 30;
  private static final MemoryPreflight.Limits LARGE_LOCAL =
      new MemoryPreflight.Limits(64 * GIB, 64 * GIB, 2, 0, true);

  private static MemoryPreflight.Shape exact(int d, int partitions) {
    return new MemoryPreflight.Shape(10_000, d, 10_000L * d, partitions, depth(partitions), "exact", 0, true);
  }

  private static int depth(int partitions) {
    return org.attnreg.spark.SparkPassRunner.depthFor(partitions);
  }

  private static String refusal(MemoryPreflight.Shape s, MemoryPreflight.Limits l) {
    return assertThrows(IllegalArgumentException.class, () -> MemoryPreflight.check(s, l)).getMessage();
  }

  @Test
  void aDimensionWhoseSquareOverflowsAnIntIsRefusedWhateverTheMemory() {
    for (int d : new int[] {46_341, 50_000, 65_536, Integer.MAX_VALUE}) {
      String m = refusal(exact(d, 2), LARGE_LOCAL);
      assertTrue(m.contains("d = " + d) && m.contains("46340"), m);
    }
    assertDoesNotThrow(() -> MemoryPreflight.check(exact(2000, 2), LARGE_LOCAL));
  }

  @Test
  void aLocalHeapTooSmallForTheDriverAndTheTasksIsRefusedNamingBothFigures() {
    MemoryPreflight.Limits oneGib = new MemoryPreflight.Limits(GIB, GIB, 2, 0, true);
    String m = refusal(exact(5000, 2), oneGib);
    // 4 d×d matrices of 200 MB on the driver plus 2 collected partials, and 2 tasks of 2 partials each
    assertTrue(m.contains("d = 5000 with the exact Hessian"), m);
    assertTrue(m.contains("724 MiB") && m.contains("ATTNREG_DRIVER_MEMORY"), m);
    assertTrue(m.contains("2 concurrent tasks"), m);
    assertDoesNotThrow(() -> MemoryPreflight.check(exact(5000, 2), LARGE_LOCAL));
    assertDoesNotThrow(() -> MemoryPreflight.check(exact(100, 2), oneGib));
  }

  @Test
  void partialsAboveMaxResultSizeAreRefusedAndADeeperTreeShipsFewer() {
    MemoryPreflight.Limits limit = new MemoryPreflight.Limits(64 * GIB, 64 * GIB, 2, 256L << 20, true);
    // d = 2000: a partial is 32 MB; 16 partitions at depth 1 ship 16 of them (512 MB)
    String m = refusal(exact(2000, 16), limit);
    assertTrue(m.contains("spark.driver.maxResultSize") && m.contains("16 partials") && m.contains("256 MiB"), m);
    // 64 partitions: depth 2 leaves 8 partials (256 MB) for the driver
    assertEquals(2, depth(64));
    assertEquals(8, MemoryPreflight.finalPartials(64, 2));
    assertDoesNotThrow(() -> MemoryPreflight.check(exact(2000, 64), limit));
  }

  @Test
  void onAClusterTheExecutorHeapBoundsTheTasksAndALinearSketchFits() {
    MemoryPreflight.Limits cluster = new MemoryPreflight.Limits(16 * GIB, GIB, 1, 0, false);
    String m = refusal(exact(8000, 4), cluster);
    assertTrue(m.contains("per task") && m.contains("spark.executor.memory"), m);
    // the exact Gram's family start keeps a d×d partial, so a sketch is not offered as the cure
    assertTrue(!m.contains("--hessian sketch"), m);
    MemoryPreflight.Shape noStart = new MemoryPreflight.Shape(10_000, 8000, 80_000_000L, 4, 1, "exact", 0, false);
    assertTrue(refusal(noStart, cluster).contains("--hessian sketch"));
    MemoryPreflight.Shape linear = new MemoryPreflight.Shape(10_000, 8000, 80_000_000L, 4, 1, "sparse-sign", 200,
        false);
    assertDoesNotThrow(() -> MemoryPreflight.check(linear, cluster));
    MemoryPreflight.Limits smallDriver = new MemoryPreflight.Limits(GIB, 64 * GIB, 1, 0, false);
    String d = refusal(linear, smallDriver);
    assertTrue(d.contains("on the driver") && d.contains("--driver-memory"), d);
  }

  @Test
  void footprintsGrowAsTheArraysTheyCount() {
    MemoryPreflight.Footprint f = MemoryPreflight.footprint(exact(1000, 2));
    long square = 8L * 1000 * 1000;
    assertEquals(square, f.partial());
    assertEquals(2, f.partialsAtDriver());
    assertEquals(4 * square + 2 * square, f.driver());
    assertEquals(2 * square + 8L * MemoryPreflight.SCRATCH_ROWS * 1000, f.perTask());
  }

  @Test
  void localTaskSlotsComeFromTheMaster() {
    assertEquals(3, MemoryPreflight.Limits.localCores("local[3]"));
    assertEquals(4, MemoryPreflight.Limits.localCores("local[4,2]"));
    assertEquals(1, MemoryPreflight.Limits.localCores("local"));
    assertEquals(Runtime.getRuntime().availableProcessors(), MemoryPreflight.Limits.localCores("local[*]"));
  }
}
