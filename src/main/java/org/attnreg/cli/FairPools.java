package org.attnreg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The FAIR scheduler pools of a batch, one per instance, declared in an allocation file so that
 * Spark does not warn about each pool it would otherwise create on the fly. Each pool is declared
 * with the settings Spark gives an undeclared one (FIFO inside, weight 1, no minimum share), so
 * scheduling is unchanged. The file lives in a private (0700) temporary directory only while the
 * SparkContext starts, which is when Spark reads it; a user's own
 * {@code spark.scheduler.allocation.file} is left alone.
 */
final class FairPools implements AutoCloseable {
  static final String ALLOCATION_FILE = "spark.scheduler.allocation.file";
  private final FileSystem local;
  private final Path dir;
  private final Map<String, String> settings;

  private FairPools(FileSystem local, Path dir, Map<String, String> settings) {
    this.local = local;
    this.dir = dir;
    this.settings = settings;
  }

  /** Writes the allocation file of {@code pools} (unless the user configured one). */
  static FairPools declare(Collection<String> pools) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.scheduler.mode", "FAIR");
    if (System.getProperty(ALLOCATION_FILE) != null) {
      return new FairPools(null, null, settings);
    }
    try {
      FileSystem local = FileSystem.getLocal(new Configuration());
      Path dir = new Path(System.getProperty("java.io.tmpdir"), "attnreg-pools-" + UUID.randomUUID());
      if (!local.mkdirs(dir, new FsPermission((short) 0700))) {
        throw new IOException("cannot create " + dir);
      }
      local.setPermission(dir, new FsPermission((short) 0700)); // mkdirs applies the umask
      Path file = new Path(dir, "fairscheduler.xml");
      try (OutputStream out = local.create(file, false)) {
        out.write(xml(pools).getBytes(StandardCharsets.UTF_8));
      }
      settings.put(ALLOCATION_FILE, file.toUri().toString());
      return new FairPools(local, dir, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the batch's scheduler pools", e);
    }
  }

  /** The Spark settings of a new context: FAIR mode and, when written, the allocation file. */
  Map<String, String> settings() {
    return settings;
  }

  /** The allocation file's text: one pool per name, with Spark's defaults for an undeclared pool. */
  static String xml(Collection<String> pools) {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<allocations>\n");
    for (String name : pools) {
      s.append("  <pool name=\"").append(escape(name)).append("\"><schedulingMode>FIFO</schedulingMode>")
          .append("<weight>1</weight><minShare>0</minShare></pool>\n");
    }
    return s.append("</allocations>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  /** Deletes the allocation file: Spark has read it once the context exists. */
  @Override
  public void close() {
    if (dir == null) {
      return;
    }
    try {
      local.delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
