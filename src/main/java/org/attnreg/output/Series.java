package org.attnreg.output;

import java.util.Objects;

/**
 * One curve of a line chart: points {@code (x[k], y[k])}, optionally a symmetric error band
 * {@code y[k] ± band[k]} (e.g. the standard deviation over repetitions) and optionally point markers.
 * Points with a non-finite coordinate are skipped when drawing, so a trace may contain NaN gaps.
 *
 * @param name the legend entry (unique within a chart)
 * @param x abscissae
 * @param y ordinates, same length as x
 * @param band half-widths of the error band, same length as x, or {@code null} for none
 * @param markers whether every point gets a marker (useful for sparse sweeps)
 */
public record Series(String name, double[] x, double[] y, double[] band, boolean markers) {

  public Series {
    Objects.requireNonNull(name, "series name");
    Objects.requireNonNull(x, "x of series " + name);
    Objects.requireNonNull(y, "y of series " + name);
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and " + y.length
          + " y values");
    }
    if (band != null && band.length != x.length) {
      throw new IllegalArgumentException("series '" + name + "' has " + x.length + " points and a band of "
          + band.length);
    }
    x = x.clone();
    y = y.clone();
    band = band == null ? null : band.clone();
  }

  /** A plain line through {@code (x[k], y[k])}. */
  public static Series of(String name, double[] x, double[] y) {
    return new Series(name, x, y, null, false);
  }

  /** A plain line through {@code (k, y[k])}, k = 0, 1, … (e.g. a per-iteration trace). */
  public static Series indexed(String name, double[] y) {
    double[] x = new double[y.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = k;
    }
    return of(name, x, y);
  }

  /** This series with an error band {@code y ± halfWidth}. */
  public Series withBand(double[] halfWidth) {
    return new Series(name, x, y, halfWidth, markers);
  }

  /** This series with or without point markers. */
  public Series withMarkers(boolean on) {
    return new Series(name, x, y, band, on);
  }

  public int size() {
    return x.length;
  }
}
