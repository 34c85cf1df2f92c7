package org.attnreg.report;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes whole files through Hadoop {@link FileSystem} so that a reader never sees a partial one:
 * the bytes go to a hidden temporary sibling ({@code .name.tmp-<uuid>}) that is renamed onto the
 * target only after it was closed. A crash leaves at most a hidden temporary file, never a
 * complete-looking truncated result. Works for {@code file:}, {@code hdfs:} and any other scheme the
 * configuration knows; a path without scheme uses the configuration's default file system.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target}, replacing an existing file, creating parent directories. */
  public static void write(Path target, byte[] bytes, Configuration conf) throws IOException {
    FileSystem fs = FileSystem.get(target.toUri(), conf);
    Path qualified = fs.makeQualified(target);
    Path parent = qualified.getParent();
    if (parent == null) {
      throw new IOException("cannot write to the root of a file system: " + qualified);
    }
    fs.mkdirs(parent);
    Path tmp = new Path(parent, "." + qualified.getName() + ".tmp-" + UUID.randomUUID());
    try {
      try (FSDataOutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      // rename does not overwrite on every file system (HDFS returns false), so clear the target first.
      if (fs.exists(qualified) && !fs.delete(qualified, false)) {
        throw new IOException("cannot replace existing file " + qualified);
      }
      if (!fs.rename(tmp, qualified)) {
        throw new IOException("cannot rename " + tmp + " to " + qualified);
      }
    } finally {
      if (fs.exists(tmp)) {
        fs.delete(tmp, false);
      }
    }
  }

  /** {@link #write(Path, byte[], Configuration)} with a default Hadoop configuration. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes, new Configuration());
  }
}
