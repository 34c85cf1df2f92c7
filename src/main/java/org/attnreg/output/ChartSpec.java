package org.attnreg.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to draw: an immutable description of one line chart, built with withers, e.g.
 * <pre>
 *   ChartSpec.of("Newton convergence", "iteration", "‖∇L‖")
 *       .withLogY(true)
 *       .with(Series.indexed("exact", gradientNorms))
 *       .with(Series.indexed("sketched", sketchedNorms).withMarkers(true));
 * </pre>
 *
 * @param title chart title
 * @param xLabel x-axis title
 * @param yLabel y-axis title
 * @param logX whether the x axis is logarithmic (points with x ≤ 0 are then skipped)
 * @param logY whether the y axis is logarithmic (points with y ≤ 0 are then skipped)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param series the curves, drawn in order, each with its own colour from a fixed palette
 */
public record ChartSpec(String title, String xLabel, String yLabel, boolean logX, boolean logY, int width,
    int height, List<Series> series) {
  public static final int DEFAULT_WIDTH = 800;
  public static final int DEFAULT_HEIGHT = 500;
  /** Keeps an image decodable by any viewer and bounded in memory. */
  private static final int MAX_PIXELS_PER_SIDE = 8000;

  public ChartSpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(xLabel, "xLabel");
    Objects.requireNonNull(yLabel, "yLabel");
    if (width < 50 || height < 50 || width > MAX_PIXELS_PER_SIDE || height > MAX_PIXELS_PER_SIDE) {
      throw new IllegalArgumentException("chart size must be within 50.." + MAX_PIXELS_PER_SIDE + " pixels: "
          + width + "×" + height);
    }
    series = List.copyOf(series);
    long distinct = series.stream().map(Series::name).distinct().count();
    if (distinct != series.size()) {
      throw new IllegalArgumentException("series names must be unique in chart '" + title + "'");
    }
  }

  /** An empty chart of the default size with linear axes. */
  public static ChartSpec of(String title, String xLabel, String yLabel) {
    return new ChartSpec(title, xLabel, yLabel, false, false, DEFAULT_WIDTH, DEFAULT_HEIGHT, List.of());
  }

  public ChartSpec withLogX(boolean on) {
    return new ChartSpec(title, xLabel, yLabel, on, logY, width, height, series);
  }

  public ChartSpec withLogY(boolean on) {
    return new ChartSpec(title, xLabel, yLabel, logX, on, width, height, series);
  }

  public ChartSpec withSize(int w, int h) {
    return new ChartSpec(title, xLabel, yLabel, logX, logY, w, h, series);
  }

  /** This chart with one more series. */
  public ChartSpec with(Series s) {
    List<Series> more = new ArrayList<>(series);
    more.add(s);
    return new ChartSpec(title, xLabel, yLabel, logX, logY, width, height, more);
  }
}
