package org.attnreg.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The exclusive lock of an output directory for the whole of one run: the file {@value #FILE},
 * created atomically if absent ({@code O_CREAT|O_EXCL} on the local file system,
 * {@code create(path, overwrite = false)} on HDFS and other schemes), holding the owner's PID, host, start time and a random token.
 *
 * <p>A lock whose owner is on this host and whose PID is no longer alive is stale (its run was
 * killed): it is renamed aside, checked to be still the one found stale, and replaced by this
 * run's, with a note. A live owner, or one on another host (whose PID cannot be checked), makes the
 * run fail with exit code 2 naming the owner; remove the file by hand only when that run is surely gone.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = ".attnreg.lock";

  private final FileSystem fs;
  private final Path path;
  private final String token;

  private OutputLock(FileSystem fs, Path path, String token) {
    this.fs = fs;
    this.path = path;
    this.token = token;
  }

  static OutputLock acquire(FileSystem fs, Path dir, Consumer<String> notes) {
    Path path = new Path(dir, FILE);
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        String token = UUID.randomUUID().toString();
        if (create(fs, path, token)) {
          return new OutputLock(fs, path, token);
        }
        Map<String, String> owner = read(fs, path);
        if (owner == null) {
          continue; // released between our create and our read: try again
        }
        if (!isStale(owner)) {
          throw new IllegalArgumentException(dir + " is in use by another run (" + describe(owner) + ", lock "
              + path + "); wait for it to finish, or remove the lock file if that run is surely gone");
        }
        if (takeOver(fs, path, owner)) {
          notes.accept("took over the stale lock of " + dir + " left by a run that no longer exists ("
              + describe(owner) + ")");
        }
      }
      throw new IllegalArgumentException(dir + ": could not take the lock " + path + " (other runs keep taking it)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean create(FileSystem fs, Path path, String token) throws IOException {
    String host = hostName();
    String text = "pid=" + ProcessHandle.current().pid() + "\nhost=" + host + "\nstarted=" + Instant.now()
        + "\ntoken=" + token + "\n";
    if (fs instanceof RawLocalFileSystem raw && "file".equals(fs.getUri().getScheme())) {
      // Hadoop's local create checks and then opens; O_CREAT|O_EXCL is the atomic create-if-absent
      try (FileChannel out = FileChannel.open(raw.pathToFile(path).toPath(), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        out.force(true);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (FSDataOutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.hsync();
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(path)) {
        return false; // some file systems report an existing file with a plain IOException
      }
      throw e;
    }
  }

  /** Moves the stale lock aside; true if it was still the stale one (else whatever was moved goes back). */
  private static boolean takeOver(FileSystem fs, Path path, Map<String, String> stale) throws IOException {
    Path aside = new Path(path.getParent(), FILE + ".stale-" + UUID.randomUUID());
    if (!fs.rename(path, aside)) {
      return false; // someone else moved it first
    }
    Map<String, String> moved = read(fs, aside);
    if (moved != null && stale.get("token") != null && stale.get("token").equals(moved.get("token"))) {
      fs.delete(aside, false);
      return true;
    }
    if (!fs.exists(path)) {
      fs.rename(aside, path); // a live lock taken meanwhile: put it back
    }
    return false;
  }

  private static boolean isStale(Map<String, String> owner) {
    if (!hostName().equals(owner.get("host"))) {
      return false;
    }
    try {
      long pid = Long.parseLong(owner.getOrDefault("pid", ""));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false; // not a lock this program wrote: leave it to the user
    }
  }

  private static String describe(Map<String, String> owner) {
    return "PID " + owner.getOrDefault("pid", "?") + " on host " + owner.getOrDefault("host", "?") + ", started "
        + owner.getOrDefault("started", "?");
  }

  /** The lock's fields, or null if it is gone. */
  private static Map<String, String> read(FileSystem fs, Path path) throws IOException {
    if (!fs.exists(path)) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = fs.open(path)) {
      bytes = in.readNBytes(4096);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Releases the lock if it is still this run's. */
  @Override
  public void close() {
    try {
      Map<String, String> now = read(fs, path);
      if (now != null && token.equals(now.get("token"))) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock " + path + ": " + e.getMessage(), e);
    }
  }
}
