package org.attnreg.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** The Hadoop file system a path lives on, as every reader and writer of the project opens it. */
public final class FileSystems {
  private FileSystems() {}

  /**
   * The file system of {@code path}; for {@code file://} the raw local one, which keeps no
   * {@code .crc} sidecars (a hand-edited file with a stale sidecar would otherwise fail its checksum).
   */
  public static FileSystem of(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }
}
