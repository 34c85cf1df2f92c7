package org.attnreg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Copies a CSV instance (label first) with every label multiplied by {@code 1 + σ·g}, g standard
 * Gaussian: relative noise, which keeps positive labels positive (as GLR's log link needs) and
 * keeps softmax targets of size 1/n in proportion, where {@code generate --noise} adds noise of
 * one absolute size to every label.
 */
final class MultiplicativeNoise {
  private MultiplicativeNoise() {}

  /** Writes the data files of {@code from} (hidden files skipped) into the new directory {@code to}. */
  static void copy(Path from, Path to, double sigma, long seed, Configuration conf) {
    try {
      FileSystem fs = from.getFileSystem(conf);
      FileStatus[] files = fs.listStatus(from, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
      Arrays.sort(files);
      fs.mkdirs(to);
      for (int k = 0; k < files.length; k++) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + k);
        Path target = new Path(to, files[k].getPath().getName());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(files[k].getPath()),
            StandardCharsets.UTF_8), 1 << 20);
            Writer out = new OutputStreamWriter(fs.create(target, false), StandardCharsets.UTF_8)) {
          String line;
          while ((line = in.readLine()) != null) {
            int comma = line.indexOf(',');
            if (line.isBlank() || comma < 0) {
              out.write(line);
            } else {
              double b = Double.parseDouble(line.substring(0, comma));
              out.write(Double.toString(b * (1.0 + sigma * rnd.nextGaussian())));
              out.write(line, comma, line.length() - comma);
            }
            out.write('\n');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }
}
