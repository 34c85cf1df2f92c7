package org.attnreg.testkit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnreg.Main;

/** One in-process run of the {@code attnreg} command line, with its exit code and captured output. */
public record CliRun(int code, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** A vector file with one number per line (x.csv, _x_star.csv). */
  public static double[] vector(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty())
          .mapToDouble(Double::parseDouble).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ‖x − y‖ / ‖y‖. */
  public static double relativeDistance(double[] x, double[] y) {
    double e = 0.0;
    double s = 0.0;
    for (int j = 0; j < x.length; j++) {
      e += (x[j] - y[j]) * (x[j] - y[j]);
      s += y[j] * y[j];
    }
    return Math.sqrt(e / s);
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
