package org.attnreg.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.attnreg.io.StartingPoint;
import org.attnreg.solver.IterationRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
  @TempDir
  Path dir;

  private static final double[] X = {1.0 / 3.0, -2.5e-17, 7.0};

  private void writeResults() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("status", "converged");
    summary.put("x", X);
    summary.put("loss", Double.NaN);
    List<IterationRecord> trace = List.of(
        new IterationRecord(0, 1.5, 0.1, 0.02, 1.0, 0.0, "", 1, 2, 100, 0.5, 0.25),
        new IterationRecord(1, 0.5, 1e-12, Double.NaN, Double.NaN, 1e-3, "Hessian \"damped\"", 0, 1, 100, 0.5, 0.0));
    new ResultWriter(AtomicFiles.in(dir.toString())).write(X, trace, summary);
  }

  @Test
  void writesXTraceAndSummaryThatRoundTrip() throws IOException {
    writeResults();
    assertArrayEquals(X, StartingPoint.read(dir.resolve("x.csv").toString(), 3, new Configuration()));
    assertArrayEquals(X, StartingPoint.read(dir.resolve("summary.json").toString(), 3, new Configuration()));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("converged", json.get("status").asText());
    List<String> trace = Files.readAllLines(dir.resolve("trace.csv"));
    assertEquals(3, trace.size());
    assertTrue(trace.get(0).startsWith("iteration,loss,gradient_norm"));
    assertTrue(trace.get(2).endsWith("\"Hessian \"\"damped\"\"\""), trace.get(2));
  }

  @Test
  void leavesNoTemporaryOrChecksumFilesAndTheSummaryTellsACompleteSetFromAMixture() throws IOException {
    writeResults();
    try (var files = Files.list(dir)) {
      assertEquals(List.of("summary.json", "trace.csv", "x.csv"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no hidden temporary or .crc files");
    }
    AtomicFiles files = AtomicFiles.in(dir.toString());
    assertEquals(List.of(), ResultWriter.verify(files));
    JsonNode listed = new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get(ResultWriter.FILES);
    assertEquals(files.digest("x.csv"), listed.get("x.csv").asText());

    files.writeText("x.csv", "1\n2\n3\n"); // a later run that stopped after replacing x.csv
    List<String> problems = ResultWriter.verify(files);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("x.csv is not the file summary.json describes"), problems.get(0));
    assertEquals("1\n2\n3\n", Files.readString(dir.resolve("x.csv")), "a hand edit reads back without a checksum error");
  }

  @Test
  void startingPointErrorsNameTheFileLineAndValue() throws IOException {
    Path bad = dir.resolve("x.csv");
    Files.writeString(bad, "1.0\nabc\n3\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StartingPoint.read(bad.toString(), 3, new Configuration()));
    assertTrue(e.getMessage().contains("x.csv:2") && e.getMessage().contains("abc"), e.getMessage());
    Files.writeString(bad, "1.0\n2.0\n");
    e = assertThrows(IllegalArgumentException.class, () -> StartingPoint.read(bad.toString(), 3, new Configuration()));
    assertTrue(e.getMessage().contains("holds 2 coefficients") && e.getMessage().contains("d = 3"), e.getMessage());
  }
}
