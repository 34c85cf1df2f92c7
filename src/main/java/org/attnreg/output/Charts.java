package org.attnreg.output;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.attnreg.output.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts as PNG, over XChart: several series per chart, optional logarithmic axes, optional
 * error bands ({@code y ± band}, drawn as a translucent polygon under the line) and optional markers.
 *
 * <p>Typical uses: a convergence plot ({@code Series.indexed("‖∇L‖", norms)} on a log-y chart), a
 * benchmark sweep with markers, or curves over training steps with std bands. Rendering never needs a
 * display: {@code java.awt.headless} is set to {@code true} unless the JVM was started with an
 * explicit value. Files are written through Hadoop {@code FileSystem} via
 * {@link org.attnreg.output.AtomicFiles}.
 *
 * <p>Drawing rules: points with a non-finite coordinate are skipped; on a logarithmic axis points
 * with a non-positive coordinate are skipped too, and a band whose lower edge would be ≤ 0 is clipped
 * to {@value #LOG_BAND_FLOOR} × the value. A series with no drawable point is left out; a chart with
 * none at all is an error.
 */
public final class Charts {
  /** On a log axis a band's lower edge is kept at least this fraction of the curve. */
  public static final double LOG_BAND_FLOOR = 0.01;

  /** Colour-blind-safe palette (Okabe–Ito), cycled over series. */
  private static final Color[] PALETTE = {
      new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
      new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)};
  private static final int BAND_ALPHA = 60;
  /** Panels side by side stay within what any viewer decodes. */
  private static final int MAX_IMAGE_WIDTH = 8000;
  /** A log axis spanning at least this many decades is labelled at the powers of ten only. */
  private static final double LABELLED_DECADES = 2.0;

  static {
    // Headless rendering on servers and in CI; an explicit -Djava.awt.headless wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** The XChart chart for {@code spec}, for callers that want to tweak the styling further. */
  public static XYChart build(ChartSpec spec) {
    XYChart chart = new XYChartBuilder().width(spec.width()).height(spec.height()).title(spec.title())
        .xAxisTitle(spec.xLabel()).yAxisTitle(spec.yLabel()).build();
    style(chart.getStyler(), spec);
    // XChart labels only the powers of ten on a log axis by default: a range inside one or two
    // decades would then show a single label (or none). Label the 2..9 ticks too in that case.
    chart.getStyler().setXAxisLogarithmicDecadeOnly(!spec.logX() || decades(spec, true) >= LABELLED_DECADES);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(!spec.logY() || decades(spec, false) >= LABELLED_DECADES);
    int drawn = 0;
    for (int k = 0; k < spec.series().size(); k++) {
      if (add(chart, spec, spec.series().get(k), PALETTE[k % PALETTE.length])) {
        drawn++;
      }
    }
    if (drawn == 0) {
      throw new IllegalArgumentException("chart '" + spec.title() + "' has no drawable point"
          + (spec.logX() || spec.logY() ? " (log axes skip non-positive values)" : ""));
    }
    return chart;
  }

  /** Whether some series of {@code spec} has a point that can be drawn (finite, positive on log axes). */
  public static boolean hasDrawablePoint(ChartSpec spec) {
    return spec.series().stream().anyMatch(s -> Points.drawable(s, spec.logX(), spec.logY()).size() > 0);
  }

  /** How many decades the drawable points of all series span on one axis (0 when none or one value). */
  static double decades(ChartSpec spec, boolean xAxis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0.0;
    for (Series s : spec.series()) {
      Points p = Points.drawable(s, spec.logX(), spec.logY());
      for (double v : xAxis ? p.x : p.y) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return hi > 0.0 && lo > 0.0 ? Math.log10(hi / lo) : 0.0;
  }

  /** The chart encoded as PNG bytes. */
  public static byte[] png(ChartSpec spec) {
    return encode(BitmapEncoder.getBufferedImage(build(spec)), spec.title());
  }

  private static byte[] encode(BufferedImage image, String title) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // An in-memory stream: ImageIO's default file cache needs a writable java.io.tmpdir.
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(image);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode chart '" + title + "' as PNG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * Several charts side by side in one PNG, left to right, each at its own size (the image is as
   * tall as the tallest). For quantities of different kinds, which must not share one axis.
   */
  public static byte[] png(List<ChartSpec> panels) {
    return sideBySide(panels, drawn(panels));
  }

  /**
   * The panels side by side in one PNG (as {@link #png(List)}) and each on its own (as
   * {@link #png(ChartSpec)}), the same bytes as those calls give, with every panel drawn once.
   */
  public record Panels(byte[] sideBySide, List<byte[]> each) {}

  /** {@link Panels} of the charts: drawing a chart costs more than encoding it. */
  public static Panels pngs(List<ChartSpec> panels) {
    List<BufferedImage> drawn = drawn(panels);
    List<byte[]> each = new ArrayList<>();
    for (int k = 0; k < panels.size(); k++) {
      each.add(encode(drawn.get(k), panels.get(k).title()));
    }
    return new Panels(sideBySide(panels, drawn), List.copyOf(each));
  }

  /** Each panel drawn, after the checks of a side-by-side image. */
  private static List<BufferedImage> drawn(List<ChartSpec> panels) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a chart image needs at least one panel");
    }
    int width = panels.stream().mapToInt(ChartSpec::width).sum();
    if (width > MAX_IMAGE_WIDTH) {
      throw new IllegalArgumentException("panels are " + width + " pixels wide together, at most " + MAX_IMAGE_WIDTH);
    }
    return panels.stream().map(panel -> BitmapEncoder.getBufferedImage(build(panel))).toList();
  }

  /** The drawn panels left to right, each at its own size, on an image as tall as the tallest. */
  private static byte[] sideBySide(List<ChartSpec> panels, List<BufferedImage> drawn) {
    int width = panels.stream().mapToInt(ChartSpec::width).sum();
    int height = panels.stream().mapToInt(ChartSpec::height).max().orElseThrow();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int left = 0;
      for (int k = 0; k < panels.size(); k++) {
        g.drawImage(drawn.get(k), left, 0, null);
        left += panels.get(k).width();
      }
    } finally {
      g.dispose();
    }
    return encode(image, panels.get(0).title());
  }

  /** Renders {@code spec} and writes it to {@code target} (any Hadoop file system), atomically. */
  public static void writePng(ChartSpec spec, Path target, Configuration conf) {
    AtomicFiles.writeFile(target, png(spec), conf);
  }

  /** Renders the panels side by side and writes them to {@code target}, atomically. */
  public static void writePng(List<ChartSpec> panels, Path target, Configuration conf) {
    AtomicFiles.writeFile(target, png(panels), conf);
  }

  private static void style(XYStyler styler, ChartSpec spec) {
    styler.setXAxisLogarithmic(spec.logX());
    styler.setYAxisLogarithmic(spec.logY());
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(220, 220, 220));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setMarkerSize(6);
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
  }

  /** Adds the band (first, so the line is drawn over it) and the line; false if nothing was drawable. */
  private static boolean add(XYChart chart, ChartSpec spec, Series s, Color colour) {
    Points line = Points.drawable(s, spec.logX(), spec.logY());
    if (line.size() == 0) {
      return false;
    }
    if (s.band() != null) {
      addBand(chart, s.name(), line, spec.logY(), colour);
    }
    XYSeries xy = chart.addSeries(s.name(), line.x, line.y);
    xy.setLineColor(colour);
    xy.setMarkerColor(colour);
    xy.setLineWidth(1.8f);
    xy.setMarker(s.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    return true;
  }

  private static void addBand(XYChart chart, String name, Points line, boolean logY, Color colour) {
    int m = line.size();
    double[] px = new double[2 * m];
    double[] py = new double[2 * m];
    for (int k = 0; k < m; k++) {
      double half = Double.isFinite(line.band[k]) ? Math.abs(line.band[k]) : 0.0;
      double lower = line.y[k] - half;
      if (logY && lower <= 0.0) {
        lower = LOG_BAND_FLOOR * line.y[k];
      }
      px[k] = line.x[k];
      py[k] = line.y[k] + half;
      px[2 * m - 1 - k] = line.x[k];
      py[2 * m - 1 - k] = lower;
    }
    XYSeries band = chart.addSeries(name + " (band)", px, py);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA));
    band.setLineColor(new Color(0, 0, 0, 0));
    band.setLineStyle(SeriesLines.NONE);
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(false);
  }

  /** The drawable points of one series (finite, and positive on log axes), with their band widths. */
  private record Points(double[] x, double[] y, double[] band) {
    static Points drawable(Series s, boolean logX, boolean logY) {
      int kept = 0;
      double[] x = new double[s.size()];
      double[] y = new double[s.size()];
      double[] band = new double[s.size()];
      for (int k = 0; k < s.size(); k++) {
        double xk = s.x()[k];
        double yk = s.y()[k];
        boolean ok = Double.isFinite(xk) && Double.isFinite(yk) && (!logX || xk > 0.0) && (!logY || yk > 0.0);
        if (ok) {
          x[kept] = xk;
          y[kept] = yk;
          band[kept] = s.band() == null ? 0.0 : s.band()[k];
          kept++;
        }
      }
      return new Points(Arrays.copyOf(x, kept), Arrays.copyOf(y, kept), Arrays.copyOf(band, kept));
    }

    int size() {
      return x.length;
    }
  }
}
