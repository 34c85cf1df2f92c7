package org.attnreg.linalg;

import static org.attnreg.linalg.GramKernelKind.NATIVE;
import static org.attnreg.linalg.GramKernelKind.SCALAR;
import static org.attnreg.linalg.GramKernelKind.VECTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/**
 * The Gram kernel choice as a function of the probe's figures (injected), the probe's own shape, the
 * option and checkpoint codes, and how a failed pass is recognised as a kernel that did not load.
 */
class GramKernelChoiceTest {

  @Test
  void theFastestKernelIsChosenButNeverOneSlowerThanTheBuiltInOne() {
    // Debian's reference BLAS: native, loaded, and eight times slower than the Vector API kernel.
    assertEquals(VECTOR, GramKernelChoice.fastest(Map.of(NATIVE, 2.5, VECTOR, 20.0, SCALAR, 3.0), Set.of(), VECTOR));
    // OpenBLAS: clearly faster.
    assertEquals(NATIVE, GramKernelChoice.fastest(Map.of(NATIVE, 29.0, VECTOR, 20.0, SCALAR, 3.0), Set.of(), VECTOR));
    // Within the margin the built-in kernel keeps the solve.
    assertEquals(VECTOR, GramKernelChoice.fastest(Map.of(NATIVE, 20.9, VECTOR, 20.0), Set.of(), VECTOR));
    assertEquals(NATIVE, GramKernelChoice.fastest(Map.of(NATIVE, 21.1, VECTOR, 20.0), Set.of(), VECTOR));
    // Any kernel may win, the fastest of those beyond the margin does.
    assertEquals(SCALAR, GramKernelChoice.fastest(Map.of(NATIVE, 22.0, VECTOR, 20.0, SCALAR, 30.0), Set.of(), VECTOR));
    // Without the Vector API the scalar loop is the built-in kernel.
    assertEquals(NATIVE, GramKernelChoice.fastest(Map.of(NATIVE, 5.0, SCALAR, 3.0), Set.of(), SCALAR));
    assertEquals(SCALAR, GramKernelChoice.fastest(Map.of(NATIVE, 2.0, SCALAR, 3.0), Set.of(), SCALAR));
  }

  @Test
  void withoutAUsableFigureForTheBuiltInKernelItIsChosen() {
    assertEquals(VECTOR, GramKernelChoice.fastest(Map.of(NATIVE, 29.0), Set.of(), VECTOR));
    assertEquals(VECTOR, GramKernelChoice.fastest(Map.of(NATIVE, 29.0, VECTOR, Double.NaN), Set.of(), VECTOR));
    assertEquals(VECTOR, GramKernelChoice.fastest(Map.of(NATIVE, 29.0, VECTOR, 0.0), Set.of(), VECTOR));
    assertEquals(VECTOR, GramKernelChoice.fastest(Map.of(), Set.of(), VECTOR));
  }

  /** A built-in kernel still warming up (its figure a lower bound only) keeps the solve, however slow it looked. */
  @Test
  void anUnsettledBuiltInKernelIsKept() {
    Map<GramKernelKind, Double> coldVector = Map.of(NATIVE, 2.5, VECTOR, 0.03, SCALAR, 3.0);
    assertEquals(SCALAR, GramKernelChoice.fastest(coldVector, Set.of(), VECTOR));
    assertEquals(VECTOR, GramKernelChoice.fastest(coldVector, Set.of(VECTOR), VECTOR));
    assertEquals(NATIVE, GramKernelChoice.fastest(Map.of(NATIVE, 29.0, VECTOR, 20.0), Set.of(NATIVE), VECTOR));
  }

  /** A loader without native BLAS: the probe never measures, and so never chooses, what does not load. */
  @Test
  void theProbeMeasuresExactlyTheKernelsThatLoad() {
    GramKernelLoader noNative = kind -> {
      if (kind == NATIVE) {
        throw new GramKernelUnavailableException(kind, "not here");
      }
      return GramKernelLoader.SYSTEM.load(kind);
    };
    GramKernelChoice choice = GramKernelChoice.probe(24, noNative);
    GramProbe.Figures figures = choice.probe();
    assertFalse(figures.gflops().containsKey(NATIVE), figures.toString());
    assertTrue(figures.gflops().containsKey(SCALAR), figures.toString());
    assertEquals(noNative.available(VECTOR), figures.gflops().containsKey(VECTOR), figures.toString());
    figures.gflops().values().forEach(g -> assertTrue(g > 0.0 && Double.isFinite(g), figures.toString()));
    assertEquals(GramKernelChoice.fastest(figures.gflops(), figures.unsettled(), noNative.builtIn()), choice.kernel());
    assertEquals("probe", choice.chosenBy());
    assertTrue(choice.describe().contains("scalar"), choice.describe());
    @SuppressWarnings("unchecked")
    Map<String, Object> gflops = (Map<String, Object>) ((Map<String, Object>) choice.summary().get("probe")).get("gflops");
    assertEquals(figures.gflops().size(), gflops.size());
  }

  @Test
  void probeRowsKeepEachCallShortAndWithinTheNativeChunk() {
    assertEquals(GramProbe.MAX_ROWS, GramProbe.rows(8));
    assertEquals(64, GramProbe.rows(512));
    assertEquals(GramProbe.MIN_ROWS, GramProbe.rows(4096));
  }

  @Test
  void aForcedModeSkipsTheProbe() {
    GramKernelChoice forced = GramKernelChoice.forSolve(GramKernelMode.SCALAR, 512, GramKernelLoader.SYSTEM);
    assertEquals(SCALAR, forced.kernel());
    assertEquals("forced", forced.chosenBy());
    assertEquals(null, forced.probe());
    GramKernelChoice fallback = forced.fallback(VECTOR, "no library");
    assertEquals(VECTOR, fallback.kernel());
    assertEquals("fallback", fallback.chosenBy());
    assertTrue(String.valueOf(fallback.summary().get("note")).contains("no library"), fallback.summary().toString());
  }

  @Test
  void optionValuesAndCheckpointCodesReadBackAndOthersAreRefused() {
    assertEquals(GramKernelMode.AUTO, GramKernelMode.parse("auto"));
    assertEquals(NATIVE, GramKernelMode.parse("native").forced());
    assertEquals(VECTOR, GramKernelMode.parse("vector").forced());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> GramKernelMode.parse("blas"));
    assertTrue(bad.getMessage().startsWith("--gram-kernel: must be auto, native, vector or scalar, got 'blas'"),
        bad.getMessage());
    for (GramKernelKind kind : GramKernelKind.values()) {
      assertEquals(kind, GramKernelKind.ofCode(kind.code()));
    }
    assertThrows(IllegalArgumentException.class, () -> GramKernelKind.ofCode(0));
  }

  @Test
  void aKernelThatDidNotLoadIsRecognisedInAFailedSparkJob() {
    GramKernelUnavailableException e = new GramKernelUnavailableException(NATIVE, "no native BLAS");
    assertTrue(e.getMessage().contains("'native'") && e.getMessage().contains("no native BLAS"), e.getMessage());
    assertTrue(GramKernelUnavailableException.in(e));
    assertTrue(GramKernelUnavailableException.in(new SparkException("Job aborted", e)));
    assertTrue(GramKernelUnavailableException.in(new RuntimeException("Job aborted due to stage failure: Lost task 0.0:"
        + " org.attnreg.linalg.GramKernelUnavailableException: the Gram kernel 'native' ...")));
    assertFalse(GramKernelUnavailableException.in(new SparkException("Job aborted", new OutOfMemoryError())));
    assertFalse(GramKernelUnavailableException.in(new IllegalStateException()));
  }
}
