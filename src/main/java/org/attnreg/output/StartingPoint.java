package org.attnreg.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a starting point (warm start) from a previous result: an {@code x.csv} (one number per
 * line) or a {@code summary.json} (its {@code x} array), through Hadoop {@link FileSystem}.
 */
public final class StartingPoint {
  private StartingPoint() {}

  /**
   * @param d the expected dimension
   * @throws IllegalArgumentException naming the file, line and value when the file does not hold d numbers
   */
  public static double[] read(String path, int d, Configuration conf) {
    String text = readText(path, conf);
    double[] x = path.endsWith(".json") ? fromJson(path, text) : fromLines(path, text);
    if (x.length != d) {
      throw new IllegalArgumentException(path + ": holds " + x.length + " coefficients, the problem has d = " + d);
    }
    return x;
  }

  private static double[] fromLines(String path, String text) {
    List<Double> values = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      values.add(finite(path, i + 1, line));
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double finite(String path, int line, String token) {
    try {
      double v = Double.parseDouble(token);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the position
    }
    throw new IllegalArgumentException(path + ":" + line + ": '" + token + "' is not a finite number");
  }

  private static double[] fromJson(String path, String text) {
    try {
      JsonNode x = new ObjectMapper().readTree(text).get("x");
      if (x == null || !x.isArray()) {
        throw new IllegalArgumentException(path + ": no array field 'x'");
      }
      double[] out = new double[x.size()];
      for (int j = 0; j < out.length; j++) {
        JsonNode v = x.get(j);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
          throw new IllegalArgumentException(path + ": x[" + j + "] = " + v + " is not a finite number");
        }
        out[j] = v.asDouble();
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a path that is not an existing file, before anything else is done.
   *
   * @param option the option that named it, for the message
   */
  public static void requireFile(String option, String path, Configuration conf) {
    Path p = new Path(path);
    try {
      FileSystem fs = AtomicFiles.fileSystem(p, conf);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException(option + " " + path + ": no such file");
      }
      if (!fs.getFileStatus(p).isFile()) {
        throw new IllegalArgumentException(option + " " + path + ": not a file");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static String readText(String path, Configuration conf) {
    Path p = new Path(path);
    try {
      FileSystem fs = AtomicFiles.fileSystem(p, conf);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException(path + ": no such file");
      }
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
        StringBuilder sb = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
          sb.append(line).append('\n');
        }
        return sb.toString();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
