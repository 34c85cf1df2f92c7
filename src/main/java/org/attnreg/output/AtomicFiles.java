package org.attnreg.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.attnreg.io.FileSystems;

/**
 * Writes result files through Hadoop {@link FileSystem} (so {@code file://}, {@code hdfs://} and
 * any configured scheme work) such that a crash never leaves a file that looks complete and never
 * leaves a moment without the earlier version: each file is written under a hidden temporary name,
 * flushed ({@code hsync}) and closed, and only then moved over the old file in one step.
 *
 * <p>What that step is, per scheme:
 * <ul>
 *   <li>{@code file://}: {@link Files#move} with {@code ATOMIC_MOVE}, i.e. {@code rename(2)},
 *       which replaces the old file atomically. Local files are written and read through Hadoop's
 *       raw local file system, so no {@code .crc} sidecar is made and none is checked: a result
 *       copied or edited by hand reads as it is. (Hadoop's {@code FileContext.rename(OVERWRITE)}
 *       would delete the old file first on {@code file://}, hence the direct move.) A sidecar an
 *       older version left beside a replaced file is removed, since it no longer matches.
 *   <li>{@code hdfs://} (and any scheme whose {@link FileContext} implementation renames with
 *       overwrite atomically): {@code FileContext.rename(…, OVERWRITE)}, a single atomic NameNode
 *       operation on HDFS.
 *   <li>Other schemes (object stores such as {@code s3a://}): {@code FileContext.rename(OVERWRITE)}
 *       where the scheme has a FileContext binding, which on object stores is a copy and a delete
 *       and not atomic; without a binding, the old file is first renamed aside and removed only
 *       after the new one is in place, so its content is never lost, but a reader may briefly find
 *       no file. Use {@code summary.json}'s digests to tell a complete set there.
 * </ul>
 * Nothing is ever deleted before its replacement is in place.
 */
public final class AtomicFiles {
  private final FileSystem fs;
  private final Path dir;
  private final Configuration conf;
  /**
   * SHA-256 (hex) of every file this instance wrote, by name: what {@link ResultWriter} lists in the
   * summary. Synchronised: a solve's checkpoints are written from a thread of their own.
   */
  private final Map<String, String> written = Collections.synchronizedMap(new LinkedHashMap<>());

  private AtomicFiles(FileSystem fs, Path dir, Configuration conf) {
    this.fs = fs;
    this.dir = dir;
    this.conf = conf;
  }

  /** The directory {@code dir} (created if missing) on its file system. */
  public static AtomicFiles in(String dir, Configuration conf) {
    try {
      Path path = new Path(dir);
      FileSystem fs = FileSystems.of(path, conf);
      Path qualified = fs.makeQualified(path);
      if (fs.exists(qualified) && !fs.getFileStatus(qualified).isDirectory()) {
        throw new IllegalArgumentException(dir + ": exists and is not a directory");
      }
      fs.mkdirs(qualified);
      return new AtomicFiles(fs, qualified, conf);
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

  /** Streams content to {@code name}: temporary file, flush to disk, one atomic replacement. */
  public void write(String name, Content content) {
    Path target = new Path(dir, name);
    // A unique temporary name: two writers of the same file never share (and truncate) one.
    // Beside the target (a name may hold a subdirectory, e.g. logs/NAME.log), so the move stays in one directory.
    Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
    MessageDigest sha256 = sha256();
    try {
      fs.mkdirs(target.getParent());
      try (FSDataOutputStream out = fs.create(temp, false)) {
        content.writeTo(new DigestOutputStream(out, sha256));
        out.hflush();
        out.hsync(); // the data is on disk before the name points at it
      }
      replace(temp, target);
      written.put(name, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Moves {@code temp} over {@code target} in one step where the scheme allows (see the class comment). */
  private void replace(Path temp, Path target) throws IOException {
    if (fs instanceof RawLocalFileSystem raw && "file".equals(fs.getUri().getScheme())) {
      Files.move(raw.pathToFile(temp).toPath(), raw.pathToFile(target).toPath(), StandardCopyOption.ATOMIC_MOVE);
      Path sidecar = new Path(target.getParent(), "." + target.getName() + ".crc");
      if (fs.exists(sidecar)) {
        fs.delete(sidecar, false);
      }
      return;
    }
    FileContext context;
    try {
      context = FileContext.getFileContext(fs.getUri(), conf);
    } catch (UnsupportedFileSystemException e) {
      replaceByRenamingAside(temp, target);
      return;
    }
    context.rename(temp, target, Options.Rename.OVERWRITE);
  }

  /** Without an overwriting rename: the old file goes aside, the new one into place, then the old one away. */
  private void replaceByRenamingAside(Path temp, Path target) throws IOException {
    if (!fs.exists(target)) {
      rename(temp, target);
      return;
    }
    Path aside = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
    rename(target, aside);
    rename(temp, target);
    fs.delete(aside, false);
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename of " + from + " to " + to + " failed");
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

  /** The SHA-256 (hex) of what this instance last wrote to {@code name}, or null if it wrote none. */
  public String writtenDigest(String name) {
    return written.get(name);
  }

  /** The SHA-256 (hex) of the file {@code name} as it is now, or null if there is none. */
  public String digest(String name) {
    MessageDigest sha256 = sha256();
    try (InputStream in = open(name)) {
      if (in == null) {
        return null;
      }
      byte[] buffer = new byte[1 << 16];
      for (int k; (k = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, k);
      }
      return HexFormat.of().formatHex(sha256.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + new Path(dir, name) + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Renames {@code name} (if present) to {@code name.<UTC time>.old} (with {@code -1}, {@code -2}, …
   * if taken), so that a fresh run never destroys what an earlier one left; the new name, or null
   * if there was no such file. Callers hold the directory's {@link OutputLock}.
   */
  public String moveAside(String name) {
    Path from = new Path(dir, name);
    try {
      if (!fs.exists(from)) {
        return null;
      }
      String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
      String aside = name + "." + stamp + ".old";
      for (int k = 1; fs.exists(new Path(dir, aside)); k++) {
        aside = name + "." + stamp + "-" + k + ".old";
      }
      rename(from, new Path(dir, aside));
      return aside;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " aside: " + e.getMessage(), e);
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

  /** The file {@code name} for reading, or null if there is no such file. */
  public InputStream open(String name) throws IOException {
    Path path = new Path(dir, name);
    return fs.exists(path) ? fs.open(path) : null;
  }

  /** The UTF-8 text of {@code name}, or null if there is no such file. */
  public String readText(String name) {
    try (InputStream in = open(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + new Path(dir, name) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The UTF-8 text of the file at {@code path} (absolute, relative to the working directory, or a URI
   * on any configured file system), or null if there is none.
   */
  public static String readTextAt(String path, Configuration conf) {
    Path p = new Path(path);
    try {
      FileSystem pfs = FileSystems.of(p, conf);
      if (!pfs.exists(p)) {
        return null;
      }
      try (InputStream in = pfs.open(p)) {
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

  /** Takes the directory's exclusive lock for a run; notes receive a stale lock's take-over. */
  public OutputLock lock(java.util.function.Consumer<String> notes) {
    return OutputLock.acquire(fs, dir, notes);
  }

  /** Writes content to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }
}
