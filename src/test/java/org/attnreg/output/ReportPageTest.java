package org.attnreg.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.attnreg.output.AtomicFiles;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.Status;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads report.html as a browser would (jsoup) and checks that the answer and the whole trace are on it. */
class ReportPageTest {

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  private static SolveResult solve(int d, int iterations, long seed) {
    Random random = new Random(seed);
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      x[j] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
    }
    List<IterationRecord> trace = new ArrayList<>();
    for (int k = 0; k <= iterations; k++) {
      boolean last = k == iterations;
      trace.add(new IterationRecord(k, 4.02e-8 + 1e-9 * Math.pow(10, -k) + random.nextDouble() * 1e-12,
          Math.pow(10, -2.5 * k) * (1 + random.nextDouble()), last ? Double.NaN : random.nextDouble(),
          last ? Double.NaN : 1.0 / (1 + k), k == 1 ? 1e-3 : 0.0, k == 1 ? "damped: the Hessian was not positive"
              + " definite at this iterate, μ raised until the Cholesky factorisation succeeded" : "", k, k + 1, 1000L * k,
          0.9046867 * (k + 1), 0.0123 * k));
    }
    IterationRecord end = trace.get(iterations);
    return new SolveResult(x, Status.CONVERGED, "gradient norm small", iterations, end.loss(), end.gradientNorm(),
        trace, iterations, iterations + 1, List.of());
  }

  private static Map<String, Object> summary(SolveResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", "softmax");
    m.put("n", 20000L);
    m.put("d", r.x().length);
    m.put("nnz", 20000L * r.x().length);
    m.put("partitions", 4);
    m.put("status", r.status().label());
    m.put("message", r.message());
    m.put("iterations", r.iterations());
    m.put("loss", r.loss());
    m.put("gradient_norm", r.gradientNorm());
    m.put("x", r.x());
    m.put("seconds", 0.9046867);
    m.put("input", Map.of("files", List.of("hdfs://127.0.0.1:9000/data/part-0.csv"), "fingerprint", "abc"));
    m.put("read", Map.of("format", "csv"));
    m.put("command_line", "jobs/solve --family softmax --input data/part-0.csv --out out");
    return m;
  }

  private static Document page(Path dir, SolveResult r, Map<String, Map<Integer, Double>> columns) throws IOException {
    SolveOutputs.write(AtomicFiles.in(dir.toString()), r, columns, summary(r));
    return Jsoup.parse(Files.readString(dir.resolve("report.html")));
  }

  private static Map<String, Integer> columnIndex(Element table) {
    Map<String, Integer> index = new LinkedHashMap<>();
    Elements header = table.select("tr").first().select("th");
    for (int c = 0; c < header.size(); c++) {
      index.put(header.get(c).attr("data-column"), c);
    }
    return index;
  }

  private static void assertClose(double expected, String shown, double relative, String what) {
    double value = Double.parseDouble(shown);
    assertEquals(expected, value, relative * Math.abs(expected), what + ": page shows " + shown);
  }

  @Test
  void everyCoefficientTheStatusAndEveryTraceRowAreOnThePage(@TempDir Path dir) throws IOException {
    SolveResult r = solve(37, 6, 1);
    Document doc = page(dir, r, Map.of());

    assertEquals("converged", doc.getElementById("status").text());
    assertTrue(doc.getElementById("command").text().startsWith("jobs/solve --family softmax"));
    assertTrue(doc.getElementById("date").text().matches("Written \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"));

    Elements xRows = doc.select("table#x tr:gt(0)");
    assertEquals(r.x().length, xRows.size(), "one row per coefficient");
    for (int j = 0; j < r.x().length; j++) {
      Elements cells = xRows.get(j).select("td");
      assertEquals(j + 1, Integer.parseInt(cells.get(0).text()));
      assertClose(r.x()[j], cells.get(1).text(), 1e-6, "x_" + (j + 1));
      assertEquals(r.x()[j], Double.parseDouble(cells.get(1).attr("data-value")), "exact x_" + (j + 1));
    }

    Element trace = doc.getElementById("trace");
    Map<String, Integer> col = columnIndex(trace);
    Elements rows = trace.select("tr:gt(0)");
    assertEquals(r.trace().size(), rows.size(), "one row per iterate");
    for (IterationRecord rec : r.trace()) {
      Elements cells = rows.get(rec.iteration()).select("td");
      assertEquals(rec.iteration(), Integer.parseInt(cells.get(col.get("iteration")).text()));
      assertClose(rec.loss(), cells.get(col.get("loss")).text(), 1e-6, "loss at " + rec.iteration());
      assertClose(rec.gradientNorm(), cells.get(col.get("gradient_norm")).text(), 5e-3, "gradient");
      assertEquals(String.format(java.util.Locale.ROOT, "%.3f s", rec.derivativeSeconds()),
          cells.get(col.get("derivative_seconds")).text());
      assertEquals(rec.note(), cells.get(col.get("note")).text());
      assertFalse(cells.text().contains("NaN"), "row " + rec.iteration() + ": " + cells.text());
    }
    assertEquals(Numbers.NONE, rows.last().select("td").get(col.get("step_size")).text());
    assertEquals("0.905 s", doc.select("table#result td").last().text(), "seconds with their unit");
    String input = doc.getElementById("input").text();
    assertTrue(input.contains("hdfs://127.0.0.1:9000/data/part-0.csv") && input.contains("csv")
        && input.contains("20000") && input.contains("740000"), input);
  }

  @Test
  void theDistanceToXStarAndTheContractionAreColumnsOfTheTrace(@TempDir Path dir) throws IOException {
    SolveResult r = solve(3, 4, 2);
    Map<Integer, Double> distance = new TreeMap<>();
    Map<Integer, Double> contraction = new TreeMap<>();
    for (int k = 0; k <= 4; k++) {
      distance.put(k, Math.pow(10, -1 - 2 * k));
      if (k > 0) {
        contraction.put(k - 1, distance.get(k) / distance.get(k - 1));
      }
    }
    Map<String, Map<Integer, Double>> columns = new LinkedHashMap<>();
    columns.put("distance_to_x_star", distance);
    columns.put("contraction", contraction);
    Element trace = page(dir, r, columns).getElementById("trace");
    Map<String, Integer> col = columnIndex(trace);
    assertTrue(col.containsKey("distance_to_x_star") && col.containsKey("contraction"), col.toString());
    Elements rows = trace.select("tr:gt(0)");
    for (int k = 0; k <= 4; k++) {
      Elements cells = rows.get(k).select("td");
      assertClose(distance.get(k), cells.get(col.get("distance_to_x_star")).text(), 5e-3, "distance at " + k);
      if (k < 4) {
        assertClose(contraction.get(k), cells.get(col.get("contraction")).text(), 5e-3, "contraction at " + k);
      } else {
        assertEquals(Numbers.NONE, cells.get(col.get("contraction")).text());
      }
    }
  }

  @Test
  void aLargeSolutionShowsItsLargestCoefficientsAndLinksToTheFile(@TempDir Path dir) throws IOException {
    SolveResult r = solve(SolveReport.FULL_X_LIMIT + 500, 1, 3);
    Document doc = page(dir, r, Map.of());
    Elements xRows = doc.select("table#x tr:gt(0)");
    assertEquals(SolveReport.LARGEST_SHOWN, xRows.size());
    double smallestShown = Double.POSITIVE_INFINITY;
    for (Element row : xRows) {
      int j = Integer.parseInt(row.select("td").get(0).text()) - 1;
      assertEquals(r.x()[j], Double.parseDouble(row.select("td").get(1).attr("data-value")));
      smallestShown = Math.min(smallestShown, Math.abs(r.x()[j]));
    }
    long larger = 0;
    for (double v : r.x()) {
      larger += Math.abs(v) > smallestShown ? 1 : 0;
    }
    assertEquals(SolveReport.LARGEST_SHOWN - 1, larger, "the shown ones are the largest in magnitude");
    assertNotNull(doc.selectFirst("a[href=x.csv]"));
  }

  @Test
  void numbersReadAsAPersonWritesThem() {
    assertEquals("0.905 s", Numbers.seconds(0.9046867));
    assertEquals("4.132457e-08", Numbers.significant(4.1324567e-8, 7));
    assertEquals("0.5", Numbers.significant(0.5, 7));
    assertEquals("1234.5", Numbers.significant(1234.5, 7));
    assertEquals("−∞", Numbers.significant(Double.NEGATIVE_INFINITY, 3));
    assertEquals(Numbers.NONE, Numbers.significant(Double.NaN, 3));
  }
}
