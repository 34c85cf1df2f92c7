package org.attnreg.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.Syncable;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code faulty://}, which fails the n-th create, write,
 * flush or rename of a result or checkpoint file (n set by {@link #failAt}); with n = 0 it only
 * counts and logs them. Its {@link Context} gives FileContext an atomic rename with overwrite (as
 * HDFS has), through the same fault points. Registered by {@code faulty-site.xml}.
 *
 * <p>The plan is static because Hadoop creates the file system instances itself; one test class
 * uses it at a time.
 */
public class FaultyFileSystem extends RawLocalFileSystem {
  private static final Set<String> WATCHED = Set.of("summary.json", "trace.csv", "x.csv", "convergence.png",
      "report.html", "checkpoint.json");
  private static int failAt;
  private static int count;
  private static final List<String> LOG = new ArrayList<>();

  /** Fail the n-th watched operation from now on (0: never) and restart the count. */
  public static synchronized void failAt(int n) {
    failAt = n;
    count = 0;
    LOG.clear();
  }

  /** The watched operations since {@link #failAt}, as {@code op name}. */
  public static synchronized List<String> log() {
    return List.copyOf(LOG);
  }

  static synchronized void at(String op, Path path) throws IOException {
    String name = path.getName();
    if (name.startsWith(".") && name.contains(".tmp-")) {
      name = name.substring(1, name.indexOf(".tmp-"));
    }
    if (!WATCHED.contains(name) && !name.startsWith("checkpoint.json.")) {
      return;
    }
    count++;
    LOG.add(op + " " + name);
    if (count == failAt) {
      throw new IOException("injected fault at " + op + " of " + path.getName());
    }
  }

  /** A constant: the superclass's constructor asks for it before any field is set. */
  private static final URI URI_OF_ALL = URI.create("faulty:///");

  @Override
  public URI getUri() {
    return URI_OF_ALL;
  }

  @Override
  public String getScheme() {
    return "faulty";
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
      Progressable progress) throws IOException {
    at("create", f);
    return new FSDataOutputStream(new Watched(super.create(f, overwrite, bufferSize, replication, blockSize,
        progress), f), null);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
      short replication, long blockSize, Progressable progress) throws IOException {
    at("create", f);
    return new FSDataOutputStream(new Watched(super.create(f, permission, overwrite, bufferSize, replication,
        blockSize, progress), f), null);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    at("rename", dst);
    return super.rename(src, dst);
  }

  /** An atomic replacement, as HDFS's rename with OVERWRITE. */
  void replace(Path src, Path dst) throws IOException {
    at("rename", dst);
    Files.move(pathToFile(src).toPath(), pathToFile(dst).toPath(), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The first write and the sync of each stream are fault points. */
  private static final class Watched extends OutputStream implements Syncable {
    private final FSDataOutputStream out;
    private final Path path;
    private boolean written;

    Watched(FSDataOutputStream out, Path path) {
      this.out = out;
      this.path = path;
    }

    private void firstWrite() throws IOException {
      if (!written) {
        written = true;
        at("write", path);
      }
    }

    @Override
    public void write(int b) throws IOException {
      firstWrite();
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      firstWrite();
      out.write(b, off, len);
    }

    @Override
    public void hflush() throws IOException {
      out.hflush();
    }

    @Override
    public void hsync() throws IOException {
      at("flush", path);
      out.hsync();
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** The FileContext binding of {@code faulty://}: renames with overwrite atomically. */
  public static final class Context extends DelegateToFileSystem {
    public Context(URI uri, Configuration conf) throws IOException, java.net.URISyntaxException {
      super(uri, new FaultyFileSystem(), conf, "faulty", false);
    }

    @Override
    public void renameInternal(Path src, Path dst, boolean overwrite) throws IOException {
      ((FaultyFileSystem) fsImpl).replace(src, dst);
    }
  }
}
