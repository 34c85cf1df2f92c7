package org.attnreg.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes result files through Hadoop {@link FileSystem} (so {@code file://}, {@code hdfs://} and
 * any configured scheme work) such that a crash never leaves a file that looks complete: each file
 * is written under a hidden temporary name and renamed into place only when fully written.
 */
public final class AtomicFiles {
  private final FileSystem fs;
  private final Path dir;

  private AtomicFiles(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  /** The directory {@code dir} (created if missing) on its file system. */
  public static AtomicFiles in(String dir, Configuration conf) {
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      fs.mkdirs(path);
      return new AtomicFiles(fs, fs.makeQualified(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code bytes} to the file {@code target} (its directory is created if missing), for callers
   * that hold a full path rather than a directory.
   */
  public static void writeFile(Path target, byte[] bytes, Configuration conf) {
    Path parent = target.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("cannot write to the root of a file system: " + target);
    }
    in(parent.toString(), conf).writeBytes(target.getName(), bytes);
  }

  /** The same directory on the local or default file system with a default configuration. */
  public static AtomicFiles in(String dir) {
    return in(dir, new Configuration());
  }

  public Path dir() {
    return dir;
  }

  public URI uri() {
    return dir.toUri();
  }

  /** Writes {@code text} (UTF-8) to {@code name}, replacing any earlier file of that name. */
  public void writeText(String name, String text) {
    write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes raw bytes to {@code name}, replacing any earlier file of that name. */
  public void writeBytes(String name, byte[] bytes) {
    write(name, out -> out.write(bytes));
  }

  /** Streams content to {@code name} atomically. */
  public void write(String name, Content content) {
    Path target = new Path(dir, name);
    // A unique temporary name: two writers of the same file never share (and truncate) one.
    String tempName = "." + name + ".tmp-" + UUID.randomUUID();
    Path temp = new Path(dir, tempName);
    try {
      try (FSDataOutputStream out = fs.create(temp, true)) {
        content.writeTo(out);
      }
      fs.delete(target, false); // rename does not overwrite on every file system (HDFS returns false)
      if (!fs.rename(temp, target)) {
        throw new IOException("rename of " + temp + " to " + target + " failed");
      }
      fs.delete(new Path(dir, "." + tempName + ".crc"), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Removes a leftover temporary file of a failed write; the write's own error is the one to report. */
  private void deleteQuietly(Path temp) {
    try {
      if (fs.exists(temp)) {
        fs.delete(temp, false);
      }
    } catch (IOException ignored) {
      // the original failure (if any) is already propagating
    }
  }

  /** Removes {@code name} if present (stale results of an earlier run). */
  public void delete(String name) {
    try {
      fs.delete(new Path(dir, name), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + new Path(dir, name) + ": " + e.getMessage(), e);
    }
  }

  /** The UTF-8 text of {@code name}, or null if there is no such file. */
  public String readText(String name) {
    Path path = new Path(dir, name);
    try {
      if (!fs.exists(path)) {
        return null;
      }
      try (java.io.InputStream in = fs.open(path)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The UTF-8 text of the file at {@code path} (absolute, relative to the working directory, or a URI
   * on any configured file system), or null if there is none.
   */
  public static String readTextAt(String path, Configuration conf) {
    Path p = new Path(path);
    try {
      FileSystem pfs = p.getFileSystem(conf);
      if (!pfs.exists(p)) {
        return null;
      }
      try (java.io.InputStream in = pfs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public boolean exists(String name) {
    try {
      return fs.exists(new Path(dir, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes content to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }
}
