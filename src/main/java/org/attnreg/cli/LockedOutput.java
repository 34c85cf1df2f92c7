package org.attnreg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.attnreg.io.FileSystems;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.OutputLock;
import org.attnreg.output.OutputPlace;

/**
 * A solve's {@code --out} for the whole run: created if missing and locked before the solve starts
 * (so a directory that cannot be written, or that another run holds, is refused before Spark and
 * the data), released at the end. A directory this run created and left empty (the input was bad)
 * is removed again, so a refused run leaves nothing behind.
 */
final class LockedOutput implements AutoCloseable {
  private final AtomicFiles files;
  private final OutputLock lock;
  private final FileSystem fs;
  private final boolean created;

  private LockedOutput(AtomicFiles files, OutputLock lock, FileSystem fs, boolean created) {
    this.files = files;
    this.lock = lock;
    this.fs = fs;
    this.created = created;
  }

  /**
   * @throws IllegalArgumentException when the directory cannot be created or written, or another run holds it
   */
  static LockedOutput open(String dir, Configuration conf, Consumer<String> notes) {
    Path path = OutputPlace.qualified(dir, conf);
    try {
      FileSystem fs = FileSystems.of(path, conf);
      boolean created = !fs.exists(path);
      AtomicFiles files = AtomicFiles.in(dir, conf);
      return new LockedOutput(files, files.lock(notes), fs, created);
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      throw new IllegalArgumentException("--out " + dir + ": cannot be created or written: " + cause.getMessage());
    }
  }

  AtomicFiles files() {
    return files;
  }

  @Override
  public void close() {
    lock.close();
    if (created) {
      try {
        if (fs.listStatus(files.dir()).length == 0) {
          fs.delete(files.dir(), false);
        }
      } catch (IOException e) {
        // another run may have taken the directory meanwhile; an empty directory is harmless
      }
    }
  }
}
