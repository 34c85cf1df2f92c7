package org.attnreg.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A threaded local pass merges in partition order, whatever the number of threads. */
class LocalPassRunnerTest {

  /**
   * Partitions whose sums are 1, 1e16 and −1e16 in turn (plus small terms), so that merging them in
   * another order changes the total's bits: (1 + 1e16) − 1e16 = 0 but (−1e16 + 1e16) + 1 = 1.
   */
  private static List<List<Double>> partitions(int count) {
    double[] bases = {1.0, 1e16, -1e16};
    List<List<Double>> out = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      double base = bases[p % 3];
      int q = p;
      out.add(IntStream.range(0, 40).mapToObj(i -> i == 0 ? base : Math.scalb(1.0, -(q + i))).toList());
    }
    return out;
  }

  /** The partition-ordered fold: zero, then each partition's own sum added in turn. */
  private static double ordered(List<List<Double>> parts) {
    double total = 0.0;
    for (List<Double> part : parts) {
      double partial = 0.0;
      for (double v : part) {
        partial += v;
      }
      total += partial;
    }
    return total;
  }

  private static BlockPass<Double, Void, double[]> sum() {
    return new BlockPass<>("sum", null, () -> new double[1], (acc, v, p) -> {
      acc[0] += v;
      return acc;
    }, (a, b) -> {
      a[0] += b[0];
      return a;
    });
  }

  @Test
  void everyThreadCountGivesThePartitionOrderedSum() {
    List<List<Double>> parts = partitions(9);
    double expected = ordered(parts);
    List<List<Double>> backwards = new ArrayList<>(parts);
    java.util.Collections.reverse(backwards);
    double reversed = ordered(backwards);
    assertEquals(false, expected == reversed, "the data must tell merge orders apart");
    for (int threads : new int[] {1, 2, 3, 8, 16}) {
      LocalPassRunner<Double> runner = new LocalPassRunner<>(parts, threads);
      assertEquals(Math.min(threads, 9), runner.threads());
      for (int rep = 0; rep < 20; rep++) {
        assertEquals(expected, runner.run(sum()).clone()[0], threads + " threads");
      }
    }
  }

  @Test
  void aFailingFoldFailsThePassWithItsOwnException() {
    LocalPassRunner<Double> runner = new LocalPassRunner<>(partitions(4), 2);
    BlockPass<Double, Void, double[]> failing = new BlockPass<>("failing", null, () -> new double[1], (acc, v, p) -> {
      throw new ArithmeticException("bad row " + v);
    }, (a, b) -> a);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> runner.run(failing));
    assertEquals(true, e.getMessage().startsWith("bad row"));
  }
}
