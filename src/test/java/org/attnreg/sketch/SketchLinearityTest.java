package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sketches are pure functions of (seed, iteration, row id) and linear in the rows: merging per-partition
 * accumulators gives the one-partition sketch, for dense and sparse blocks alike.
 */
class SketchLinearityTest {
  private static final int N = 1500;
  private static final int D = 12;
  private static final double[][] A = SketchTestkit.unevenRows(N, D, 3, 5);
  private static final double[] H = mixedWeights();

  /** Mostly positive weights, every 37th row negative, every 53rd zero. */
  private static double[] mixedWeights() {
    double[] h = SketchTestkit.positiveWeights(N, 9);
    for (int i = 0; i < N; i += 37) {
      h[i] = -0.3 * h[i];
    }
    for (int i = 0; i < N; i += 53) {
      h[i] = 0.0;
    }
    return h;
  }

  static Stream<Curvature> curvatures() {
    Curvature leverage = new LeverageSampler(SketchSize.ofRows(300), 4)
        .withScoresFrom(SketchTestkit.exactGram(A, absolute(H)), D);
    return Stream.of(new GaussianSketch(SketchSize.ofRows(60), 4), new SparseSignSketch(SketchSize.ofRows(90), 4),
        new LeverageSampler(SketchSize.ofRows(90), 4), leverage);
  }

  private static double[] absolute(double[] h) {
    return java.util.Arrays.stream(h).map(Math::abs).toArray();
  }

  private static double[] sketch(Curvature c, int partitions, int blockRows, boolean sparse) {
    List<List<RowBlock>> parts = SketchTestkit.partitions(A, blockRows, partitions, sparse);
    return SketchTestkit.accumulate(c, D, 3, parts, H).gram();
  }

  private static void assertSame(double[] expected, double[] actual, String what) {
    double diff = SketchTestkit.maxAbsDifference(expected, actual);
    assertTrue(diff <= Tolerances.REORDERED_SUM * SketchTestkit.maxAbs(expected), what + ": max difference " + diff);
  }

  @ParameterizedTest
  @MethodSource("curvatures")
  void mergedPartitionsEqualOnePartition(Curvature c) {
    double[] one = sketch(c, 1, N, false);
    for (int partitions : new int[] {3, 8}) {
      assertSame(one, sketch(c, partitions, 97, false), c.id() + " with " + partitions + " partitions");
    }
  }

  @ParameterizedTest
  @MethodSource("curvatures")
  void sparseBlocksGiveTheDenseSketch(Curvature c) {
    assertSame(sketch(c, 1, 256, false), sketch(c, 3, 128, true), c.id() + " sparse vs dense");
  }

  @ParameterizedTest
  @MethodSource("curvatures")
  void seedAndIterationChangeTheSketch(Curvature c) {
    List<List<RowBlock>> parts = SketchTestkit.partitions(A, 256, 1, false);
    double[] first = SketchTestkit.accumulate(c, D, 3, parts, H).gram();
    double[] nextIteration = SketchTestkit.accumulate(c, D, 4, parts, H).gram();
    assertTrue(SketchTestkit.maxAbsDifference(first, nextIteration) > 1e-6 * SketchTestkit.maxAbs(first),
        c.id() + ": iterations must draw independent sketches");
  }

  @ParameterizedTest
  @MethodSource("curvatures")
  void serialisedEmptyAccumulatorsMergeLikeFreshOnes(Curvature c) throws Exception {
    Curvature.Accumulator shipped = roundTrip(roundTrip(c).newAccumulator(D, 3));
    for (RowBlock block : SketchTestkit.partitions(A, N, 1, false).get(0)) {
      double[] h = new double[block.rows()];
      for (int i = 0; i < h.length; i++) {
        h[i] = H[(int) block.rowId(i)];
      }
      shipped.add(block, h);
    }
    Curvature.Accumulator back = roundTrip(shipped);
    Curvature.Accumulator total = c.newAccumulator(D, 3).merge(back).merge(roundTrip(c.newAccumulator(D, 3)));
    assertSame(sketch(c, 1, N, false), total.gram(), c.id() + " after serialisation");
    assertEquals(back.rowsKept(), total.rowsKept());
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
