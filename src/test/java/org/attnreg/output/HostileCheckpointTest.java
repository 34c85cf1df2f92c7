package org.attnreg.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.attnreg.sketch.Sketches;
import org.attnreg.solver.SolverState;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.testkit.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted checkpoints (huge arrays, deep nesting, wrong types, truncation, another identity,
 * another format version) are refused with one line naming the file and the field; in a child JVM
 * with a 256 MB heap too, where a reader that allocated what a file declares would run out of memory.
 * A valid checkpoint reads back bit for bit, the leverage sampler's state included.
 */
class HostileCheckpointTest {
  @TempDir
  static Path dir;
  static Map<String, String> cases;

  @BeforeAll
  static void writeCases() throws IOException {
    cases = HostileCheckpoints.write(dir);
  }

  private static Checkpoint read(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = Files.newInputStream(p)) {
      return Checkpoint.read(p.toString(), in, HostileCheckpoints.expected());
    }
  }

  @Test
  void aValidCheckpointReadsBackBitForBitWithTheSamplersState() throws IOException {
    Checkpoint original = HostileCheckpoints.valid();
    Checkpoint back = read("valid.json");
    SolverState a = original.state();
    SolverState b = back.state();
    assertArrayEquals(a.point().x(), b.point().x(), 0.0);
    assertArrayEquals(a.point().globals().values(), b.point().globals().values(), 0.0);
    assertEquals(a.point().globals(), b.point().globals());
    assertEquals(a.trace(), b.trace());
    assertEquals(a.warnings(), b.warnings());
    assertEquals(a.curvature().id(), b.curvature().id());
    assertFalse(a.curvature().state().matrices().isEmpty(), "the sampler has scores");
    assertEquals(a.curvature().state().counters(), b.curvature().state().counters());
    assertArrayEquals(a.curvature().state().matrices().get("projection").values(),
        b.curvature().state().matrices().get("projection").values(), 0.0);
    assertEquals(original.toJson().replaceAll("\"written_at\" : \"[^\"]*\"", ""),
        back.toJson().replaceAll("\"written_at\" : \"[^\"]*\"", ""), "the file round-trips");
  }

  @Test
  void autoResumesWhicheverCurvatureItChoseAndNothingElse() throws IOException {
    Checkpoint.Expected strict = HostileCheckpoints.expected();
    Path p = dir.resolve("valid.json");
    Checkpoint.Expected auto = new Checkpoint.Expected(strict.d(), strict.maxIteration(),
        List.of(new ExactCurvature(), HostileCheckpoints.freshCurvature()), strict.identityCheck(), strict.family());
    try (InputStream in = Files.newInputStream(p)) {
      assertEquals(HostileCheckpoints.freshCurvature().id(), Checkpoint.read(p.toString(), in, auto).state()
          .curvature().id(), "auto's other candidate is accepted with its state");
    }
    Checkpoint.Expected exactOnly = new Checkpoint.Expected(strict.d(), strict.maxIteration(), new ExactCurvature(),
        strict.identityCheck(), strict.family());
    try (InputStream in = Files.newInputStream(p)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Checkpoint.read(p.toString(), in, exactOnly));
      assertTrue(e.getMessage().contains("field 'curvature.id'") && e.getMessage().contains("exact"), e.getMessage());
    }
  }

  @Test
  void theGaussNewtonHandOverStateRoundTrips() throws IOException {
    Checkpoint original = HostileCheckpoints.valid();
    Curvature gn = Sketches.create("gauss-newton", 0, 0.5, 3L);
    for (double norm : new double[] {1.0, 0.8}) {
      gn = gn.after(new Derivatives(1.0, new double[] {norm, 0, 0, 0}, new double[16], 0.0, 1, null));
    }
    SolverState s = original.state();
    SolverState withGn = new SolverState(s.iteration(), s.point(), s.firstGradientNorm(), s.trace(), gn,
        s.valuePasses(), s.derivativePasses(), s.warnings(), s.recentPoints(), s.recentLosses(), s.valueSeconds(),
        s.fusedPrediction());
    Path p = dir.resolve("gauss-newton.json");
    Files.writeString(p, new Checkpoint(withGn, original.x0(), original.identity()).toJson());
    Checkpoint.Expected strict = HostileCheckpoints.expected();
    Checkpoint.Expected auto = new Checkpoint.Expected(strict.d(), strict.maxIteration(),
        List.of(new ExactCurvature(), Sketches.create("gauss-newton", 0, 0.5, 3L)), strict.identityCheck(),
        strict.family());
    try (InputStream in = Files.newInputStream(p)) {
      Curvature back = Checkpoint.read(p.toString(), in, auto).state().curvature();
      assertEquals(gn.state().counters(), back.state().counters());
      assertArrayEquals(gn.state().matrices().get("finish_progress").values(),
          back.state().matrices().get("finish_progress").values(), 0.0);
    }
  }

  @Test
  void everyCraftedCheckpointIsRefusedNamingTheFileAndTheField() throws IOException {
    for (Map.Entry<String, String> c : cases.entrySet()) {
      if (c.getValue() == null) {
        continue;
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(c.getKey()), c.getKey());
      String message = e.getMessage();
      assertTrue(message.startsWith(dir.resolve(c.getKey()).toString() + ": field '" + c.getValue()),
          c.getKey() + ": " + message);
      assertFalse(message.contains("\n"), c.getKey() + ": one line: " + message);
      assertTrue(message.length() < 400, c.getKey() + ": short: " + message);
    }
  }

  @Test
  void aSmallHeapRefusesThemAllWithoutRunningOutOfMemory() throws Exception {
    List<String> args = new ArrayList<>();
    cases.keySet().forEach(name -> args.add(dir.resolve(name).toString()));
    Path log = dir.resolve("probe.log");
    Process child = ChildJvm.start("256m", log, HostileCheckpointProbe.class, args.toArray(String[]::new));
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the probe ended");
    String out = Files.readString(log);
    assertEquals(0, child.exitValue(), out);
    Map<String, String> lines = new HashMap<>();
    out.lines().filter(l -> l.contains("|")).forEach(l -> lines.put(l.substring(0, l.indexOf('|')), l));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String line = lines.get(c.getKey());
      if (c.getValue() == null) {
        assertEquals(c.getKey() + "|READ", line, out);
      } else {
        assertTrue(line != null && line.startsWith(c.getKey() + "|REFUSED|" + dir.resolve(c.getKey()) + ": field '"
            + c.getValue()), c.getKey() + ": " + line + "\n" + out);
      }
    }
  }
}
