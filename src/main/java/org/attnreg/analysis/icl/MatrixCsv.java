package org.attnreg.analysis.icl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a dense matrix from a text file through Hadoop {@code FileSystem}: one row per line, values
 * separated by commas and/or whitespace; blank lines and lines starting with {@code #} are skipped.
 * Errors name the file, line, field and token.
 */
public final class MatrixCsv {
  private MatrixCsv() {}

  public static double[][] read(String path, Configuration conf) throws IOException {
    Path p = new Path(path);
    FileSystem fs = FileSystem.get(p.toUri(), conf);
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("#")) {
          rows.add(parse(path, number, t));
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(path + ": no rows");
    }
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).length != rows.get(0).length) {
        throw new IllegalArgumentException(path + ": data row " + (i + 1) + " has " + rows.get(i).length
            + " values, the first has " + rows.get(0).length);
      }
    }
    return rows.toArray(new double[0][]);
  }

  /** A vector written as one row or one column. */
  public static double[] readVector(String path, Configuration conf) throws IOException {
    double[][] m = read(path, conf);
    if (m.length == 1) {
      return m[0];
    }
    if (m[0].length != 1) {
      throw new IllegalArgumentException(path + ": a vector must be one row or one column, got " + m.length + "×"
          + m[0].length);
    }
    double[] v = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      v[i] = m[i][0];
    }
    return v;
  }

  private static double[] parse(String path, int line, String text) {
    String[] fields = text.split("[,\\s]+");
    double[] row = new double[fields.length];
    for (int j = 0; j < fields.length; j++) {
      try {
        row[j] = Double.parseDouble(fields[j]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(path + ":" + line + ": field " + (j + 1) + " is not a number: '"
            + fields[j] + "'", e);
      }
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException(path + ":" + line + ": field " + (j + 1) + " is not finite: '"
            + fields[j] + "'");
      }
    }
    return row;
  }
}
