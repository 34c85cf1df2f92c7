package org.attnreg.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.attnreg.output.AtomicFiles;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SolveReportTest {

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  private static SolveResult result(int iterations, String warning) {
    List<IterationRecord> trace = new ArrayList<>();
    for (int k = 0; k <= iterations; k++) {
      double g = Math.pow(10, -2 * k);
      trace.add(new IterationRecord(k, 0.5 * g, g, k == iterations ? Double.NaN : g, k == iterations ? Double.NaN : 1,
          0.0, k == 1 ? "damped <μ & \"x\">" : "", 1, 2, 100, 0.01, 0.02));
    }
    return new SolveResult(new double[] {1, 2}, Status.MAX_ITERATIONS, "limit <5> reached", iterations, 1e-9, 1e-10,
        trace, iterations, iterations + 1, List.of(warning));
  }

  private static Map<String, Object> summary(SolveResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", "softmax");
    m.put("n", 100L);
    m.put("d", 2);
    m.put("status", r.status().label());
    m.put("message", r.message());
    m.put("iterations", r.iterations());
    m.put("x", r.x());
    m.put("warnings", r.warnings());
    m.put("options", Map.of("tol", 1e-10, "family", "softmax"));
    m.put("input", Map.of("files", List.of("a&b.parquet"), "fingerprint", "f"));
    m.put("blas", "Java<BLAS>");
    return m;
  }

  static Document parseXml(Path html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return factory.newDocumentBuilder().parse(html.toFile());
  }

  /** Rows of the trace table, header included. */
  static int traceRows(Document doc) {
    NodeList tables = doc.getElementsByTagName("table");
    for (int t = 0; t < tables.getLength(); t++) {
      Element table = (Element) tables.item(t);
      if ("trace".equals(table.getAttribute("id"))) {
        return table.getElementsByTagName("tr").getLength();
      }
    }
    throw new AssertionError("no trace table");
  }

  @Test
  void writesADecodableChartAndAWellFormedSelfContainedReport(@TempDir Path dir) throws Exception {
    SolveResult r = result(5, "<script>alert('x')</script>");
    SolveOutputs.write(AtomicFiles.in(dir.toString()), r, summary(r));
    BufferedImage png = ImageIO.read(dir.resolve("convergence.png").toFile());
    assertNotNull(png, "convergence.png must decode");
    Document doc = parseXml(dir.resolve("report.html"));
    assertEquals(r.iterations() + 2, traceRows(doc), "header plus one row per iterate");
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("<script>"), "text must be escaped");
    assertTrue(html.contains("&lt;script&gt;") && html.contains("damped &lt;μ &amp; &quot;x&quot;&gt;"), html);
    assertTrue(html.contains("src=\"data:image/png;base64,iVBOR"), "the chart is embedded");
    assertFalse(html.replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "").matches("(?s).*https?:.*"),
        "the page references nothing on the network");
    assertTrue(html.contains("max_iterations"));
    try (var files = Files.list(dir)) {
      assertEquals(SolveOutputs.fileNames().stream().sorted().toList(),
          files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
    }
  }

  @Test
  void chartTitleNamesTheStatusAndAnExactFitFallsBackToALinearAxis() {
    SolveResult r = result(2, "w");
    List<ChartSpec> panels = SolveOutputs.chart(r, summary(r));
    assertEquals(2, panels.size(), "loss gap and gradient norm, each on its own axis");
    assertEquals("attnreg softmax: max_iterations after 2 iterations", panels.get(0).title());
    assertTrue(panels.get(0).logY() && panels.get(1).logY());
    assertEquals("attnreg softmax: max_iterations after 1 iteration",
        SolveOutputs.chart(result(1, "w"), summary(r)).get(0).title());
    List<IterationRecord> exact = List.of(new IterationRecord(0, 0.0, 0.0, Double.NaN, Double.NaN, 0, "", 0, 1, 1, 0, 0));
    List<ChartSpec> flat = ConvergenceChart.of("t", "converged", exact);
    assertFalse(flat.get(0).logY() || flat.get(1).logY());
    assertNotNull(Charts.png(flat));
  }

  @Test
  void theLossPanelShowsTheDistanceToTheFinalLossSoAConvergedFlatLossIsVisible() {
    double[] loss = {4.13e-8, 4.05e-8, 4.021e-8, 4.0200001e-8, 4.02e-8};
    List<IterationRecord> trace = new ArrayList<>();
    for (int k = 0; k < loss.length; k++) {
      trace.add(new IterationRecord(k, loss[k], Math.pow(10, -3 * k), 1, 1, 0, "", 1, 1, 10, 0, 0));
    }
    Series gap = ConvergenceChart.of("t", "converged", trace).get(0).series().get(0);
    for (int k = 0; k < loss.length - 1; k++) {
      assertEquals(loss[k] - 4.02e-8, gap.y()[k], 1e-22);
    }
    assertTrue(Double.isNaN(gap.y()[loss.length - 1]), "the final point (distance 0) is left out");
    // The gap spans several decades although the loss itself changes by under 3 %.
    assertTrue(gap.y()[0] / gap.y()[3] > 1e4, java.util.Arrays.toString(gap.y()));
  }

  @Test
  void escapesMarkupAndControlCharacters() {
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;\uFFFD", Html.escape("<a href=\"x\">&'\u0001"));
  }

  @Test
  void aDirectoryOfTheReportIsWrittenWithoutLeftovers(@TempDir File dir) throws Exception {
    SolveResult r = result(1, "w");
    SolveOutputs.write(AtomicFiles.in(dir.toString()), r, summary(r));
    SolveOutputs.write(AtomicFiles.in(dir.toString()), r, summary(r));
    String[] leftovers = dir.list((d, name) -> name.contains(".tmp"));
    assertEquals(0, leftovers.length);
    assertEquals(3, traceRows(parseXml(dir.toPath().resolve("report.html"))));
  }
}
