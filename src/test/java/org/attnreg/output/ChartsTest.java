package org.attnreg.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.attnreg.output.AtomicFiles;
import org.attnreg.solver.IterationRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  private static ChartSpec convergencePlot() {
    double[] loss = {1.0, 0.3, 0.05, 1e-4, 1e-9, 0.0};
    double[] grad = {2.0, 0.8, 0.1, 3e-3, 1e-7, 1e-13};
    return ChartSpec.of("Newton convergence", "iteration", "value").withLogY(true).withSize(640, 400)
        .with(Series.indexed("loss", loss))
        .with(Series.indexed("‖∇L‖", grad).withMarkers(true)
            .withBand(new double[] {0.5, 0.5, 0.05, 1e-3, 1e-7, 1e-12}));
  }

  @Test
  void writesADecodablePngThroughHadoopFileSystem(@TempDir File dir) throws IOException {
    File target = new File(dir, "sub/convergence.png");
    Charts.writePng(convergencePlot(), new Path(target.toURI()), new Configuration());
    BufferedImage image = ImageIO.read(target);
    assertNotNull(image, "the PNG must decode");
    assertEquals(640, image.getWidth());
    assertEquals(400, image.getHeight());
    String[] leftovers = new File(dir, "sub").list((d, name) -> name.contains(".tmp-"));
    assertEquals(0, leftovers.length, "no temporary file may remain: " + Arrays.toString(leftovers));
  }

  @Test
  void panelsDrawnOnceAreTheSeparateChartsAndTheirSideBySideImage() throws IOException {
    List<ChartSpec> panels = ConvergenceChart.of("t", "converged", List.of(
        new IterationRecord(0, 10.0, 1.0, 0.5, 1.0, 0.0, "", 1, 2, 0, 0.01, 0.02),
        new IterationRecord(1, 9.0, 1e-3, 1e-6, 1.0, 0.0, "", 1, 1, 0, 0.01, 0.02),
        new IterationRecord(2, 8.999, 1e-9, Double.NaN, Double.NaN, 0.0, "", 0, 0, 0, 0.0, 0.01)));
    Charts.Panels drawn = Charts.pngs(panels);
    assertEquals(2, drawn.each().size());
    BufferedImage whole = ImageIO.read(new ByteArrayInputStream(drawn.sideBySide()));
    int left = 0;
    for (int k = 0; k < panels.size(); k++) {
      // each panel's bytes are those a chart of its own gives, and its pixels stand in the whole image
      assertArrayEquals(Charts.png(panels.get(k)), drawn.each().get(k), "panel " + k);
      BufferedImage own = ImageIO.read(new ByteArrayInputStream(drawn.each().get(k)));
      for (int y = 0; y < own.getHeight(); y += 7) {
        for (int x = 0; x < own.getWidth(); x += 7) {
          assertEquals(own.getRGB(x, y), whole.getRGB(left + x, y), "panel " + k + " pixel " + x + "," + y);
        }
      }
      left += own.getWidth();
    }
    assertEquals(left, whole.getWidth());
  }

  @Test
  void pngBytesDecodeForLinearAndLogXAxesWithNanGaps() throws IOException {
    double[] x = {1, 2, 4, 8, 16};
    double[] y = {0.5, Double.NaN, -0.2, 0.1, 0.3};
    ChartSpec spec = ChartSpec.of("sweep", "d", "cos").withLogX(true)
        .with(Series.of("model cos", x, y).withMarkers(true).withBand(new double[] {0.1, 0.1, 0.1, 0.1, 0.1}));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Charts.png(spec)));
    assertEquals(ChartSpec.DEFAULT_WIDTH, image.getWidth());
  }

  @Test
  void aChartWithNothingDrawableIsRefused() {
    ChartSpec spec = ChartSpec.of("empty", "x", "y").withLogY(true)
        .with(Series.of("all negative", new double[] {1, 2}, new double[] {-1, 0}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.png(spec));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void seriesValidateLengthsAndCopyTheirArrays() {
    assertThrows(IllegalArgumentException.class, () -> Series.of("s", new double[2], new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> Series.of("s", new double[2], new double[2]).withBand(new double[1]));
    assertThrows(IllegalArgumentException.class, () -> ChartSpec.of("t", "x", "y")
        .with(Series.indexed("same", new double[1])).with(Series.indexed("same", new double[1])));
    double[] y = {1, 2};
    Series s = Series.indexed("s", y);
    y[0] = 99;
    assertArrayEquals(new double[] {1, 2}, s.y());
    assertArrayEquals(new double[] {0, 1}, s.x());
  }

  @Test
  void atomicWriteReplacesAnExistingFile(@TempDir File dir) throws IOException {
    Path target = new Path(new File(dir, "out.txt").toURI());
    AtomicFiles.writeFile(target, "first".getBytes(StandardCharsets.UTF_8), new Configuration());
    AtomicFiles.writeFile(target, "second".getBytes(StandardCharsets.UTF_8), new Configuration());
    assertEquals("second", Files.readString(new File(dir, "out.txt").toPath()));
  }
  @Test
  void panelsAreDrawnSideBySideInOneImage() throws IOException {
    ChartSpec left = convergencePlot();
    ChartSpec right = ChartSpec.of("other", "k", "v").withSize(300, 500).with(Series.indexed("a", new double[] {1, 2}));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Charts.png(List.of(left, right))));
    assertEquals(640 + 300, image.getWidth());
    assertEquals(500, image.getHeight(), "as tall as the tallest panel");
    assertThrows(IllegalArgumentException.class, () -> Charts.png(List.of()));
  }

  @Test
  void aLogAxisWithinTwoDecadesIsLabelledBetweenThePowersOfTen() {
    ChartSpec narrow = ChartSpec.of("diff", "step", "value").withLogY(true)
        .with(Series.indexed("d", new double[] {0.4, 0.9, 2.5}));
    assertEquals(Math.log10(2.5 / 0.4), Charts.decades(narrow, false), 1e-12);
    assertTrue(!Charts.build(narrow).getStyler().isYAxisLogarithmicDecadeOnly(), "intermediate ticks labelled");
    assertTrue(Charts.build(convergencePlot()).getStyler().isYAxisLogarithmicDecadeOnly(), "13 decades: powers only");
  }
}
