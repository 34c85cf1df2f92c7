package org.attnreg.analysis.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.attnreg.report.ChartSpec;
import org.attnreg.report.Charts;
import org.attnreg.report.TempDirs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sensitivity.png: the disagreement on its own axis, the family and the data in the title. */
class SensitivityChartTest {

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  private static SensitivityReport report(double[] norms) {
    List<SensitivityRow> rows = new ArrayList<>();
    for (double t : norms) {
      double shift = 0.3 * t;
      rows.add(new SensitivityRow(t, t / 100, shift, shift * (1 + 0.1 * t), 0.1 * t, "converged", 2, 1e-3 * t, 1e-3,
          0.5, t, 1.2, 40, 3, true));
    }
    return new SensitivityReport(null, null, null, null, rows);
  }

  private static final Map<String, Object> CONTEXT = Map.of("options", Map.of("family", "softmax"),
      "input", Map.of("files", List.of("file:/data/softmax-20k/part-00000.csv", "file:/data/softmax-20k/part-00001.csv"),
          "n", 20000L, "d", 10));

  @Test
  void theDisagreementHasItsOwnPanelAndTheTitleNamesFamilyAndData() throws IOException {
    double[] norms = {1e-4, 1e-3, 1e-2, 1e-1};
    List<ChartSpec> panels = SensitivityOutputs.chart(report(norms), CONTEXT);
    assertEquals(3, panels.size());
    assertEquals("Sensitivity of softmax on softmax-20k (n = 20000, d = 10)", panels.get(0).title());
    ChartSpec disagreement = panels.get(1);
    assertEquals(1, disagreement.series().size(), "the disagreement shares its axis with nothing else");
    assertArrayEquals(new double[] {1e-5, 1e-4, 1e-3, 1e-2}, disagreement.series().get(0).y(), 1e-15);
    assertTrue(panels.get(0).series().stream().allMatch(s -> s.name().contains("x") || s.name().contains("dx")),
        "the first panel holds shifts only");
    var image = ImageIO.read(new ByteArrayInputStream(Charts.png(panels)));
    assertNotNull(image);
    assertEquals(panels.stream().mapToInt(ChartSpec::width).sum(), image.getWidth());
  }

  @Test
  void aSingleFileIsNamedByItsFileName() {
    assertEquals("Sensitivity of exp on a.csv (n = 5, d = 2)", SensitivityOutputs.title(Map.of("options",
        Map.of("family", "exp"), "input", Map.of("files", List.of("hdfs://127.0.0.1:9000/x/a.csv"), "n", 5, "d", 2))));
  }
}
