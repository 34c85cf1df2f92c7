package org.attnreg.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks, before anything is read or written, that an output directory cannot harm the run's own
 * inputs: it is not an existing file, it is neither equal to nor inside an input path, no input is
 * inside it, and no file the run reads (a start x₀, a known solution) is one it would write.
 * Paths are compared normalised and fully qualified ({@code scheme://authority/path}), so
 * {@code out}, {@code ./out/} and {@code file:/…/out} are one place.
 */
public final class OutputPlace {
  private OutputPlace() {}

  /**
   * @param out the {@code --out} value
   * @param inputs option → path of the run's input data (directories or files)
   * @param readFiles option → path of single files the run reads
   * @param written the names the run writes in {@code out}
   * @throws IllegalArgumentException naming the options and paths when they collide
   */
  public static void check(String out, Map<String, String> inputs, Map<String, String> readFiles, List<String> written,
      Configuration conf) {
    Path dir = qualified(out, conf);
    try {
      FileSystem fs = AtomicFiles.fileSystem(dir, conf);
      if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
        throw new IllegalArgumentException("--out " + out + ": exists and is not a directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect --out " + out + ": " + e.getMessage(), e);
    }
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      Path in = qualified(input.getValue(), conf);
      if (in.equals(dir)) {
        throw new IllegalArgumentException("--out " + out + " is the " + input.getKey() + " path: results would be"
            + " read as input by the next run; choose another directory");
      }
      if (isInside(dir, in)) {
        throw new IllegalArgumentException("--out " + out + " is inside the " + input.getKey() + " path "
            + input.getValue() + ": results would be read as input by the next run; choose a directory outside it");
      }
      if (isInside(in, dir)) {
        throw new IllegalArgumentException(input.getKey() + " " + input.getValue() + " is inside --out " + out
            + ": a run could overwrite its own input; move the input or choose another --out");
      }
    }
    for (Map.Entry<String, String> file : readFiles.entrySet()) {
      Path f = qualified(file.getValue(), conf);
      for (String name : written) {
        if (f.equals(new Path(dir, name))) {
          throw new IllegalArgumentException(file.getKey() + " " + file.getValue() + " is the " + name
              + " this run writes in --out; copy it elsewhere first (it would be replaced)");
        }
      }
    }
  }

  /** {@code path} made absolute and qualified with its file system's scheme and authority, normalised. */
  public static Path qualified(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      return AtomicFiles.fileSystem(p, conf).makeQualified(p);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": not a usable path: " + e.getMessage());
    }
  }

  /** Whether {@code child} lies strictly below {@code parent}. */
  static boolean isInside(Path child, Path parent) {
    for (Path p = child.getParent(); p != null; p = p.getParent()) {
      if (p.equals(parent)) {
        return true;
      }
    }
    return false;
  }
}
