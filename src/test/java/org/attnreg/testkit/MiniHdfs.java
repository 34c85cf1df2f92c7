package org.attnreg.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for tests: one NameNode and one DataNode in this JVM, every port an ephemeral one on
 * 127.0.0.1, its storage in a private folder under {@code target/}. A test class starts one in
 * {@code @BeforeAll} (about 7 s) and closes it in {@code @AfterAll}, which also deletes the storage.
 *
 * <p>Paths are full URIs, {@code hdfs://127.0.0.1:PORT/…} ({@link #uri(String)}): Hadoop picks the
 * file system from the scheme and authority, so neither Spark nor the code under test needs
 * {@code fs.defaultFS}.
 */
public final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final Path baseDir;

  private MiniHdfs(MiniDFSCluster cluster, Path baseDir) {
    this.cluster = cluster;
    this.baseDir = baseDir;
  }

  /** Starts a NameNode and a DataNode and waits until the DataNode has registered. */
  public static MiniHdfs start(String name) {
    Path baseDir = Path.of("target", "minidfs", name + "-" + UUID.randomUUID()).toAbsolutePath();
    try {
      Files.createDirectories(baseDir.getParent());
      Files.createDirectory(baseDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
      // Loopback only, ephemeral ports: nothing is reachable from outside this machine, and test
      // runs never collide on a port.
      for (String key : new String[] {"dfs.namenode.rpc-address", "dfs.namenode.http-address",
          "dfs.namenode.https-address", "dfs.datanode.address", "dfs.datanode.http.address",
          "dfs.datanode.https.address", "dfs.datanode.ipc.address", "dfs.namenode.backup.address",
          "dfs.namenode.backup.http-address", "dfs.namenode.secondary.http-address"}) {
        conf.set(key, "127.0.0.1:0");
      }
      conf.set("dfs.datanode.hostname", "127.0.0.1");
      MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
      cluster.waitActive();
      return new MiniHdfs(cluster, baseDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test HDFS in " + baseDir + ": " + e.getMessage(), e);
    }
  }

  /** {@code hdfs://127.0.0.1:PORT}, the NameNode's address. */
  public URI root() {
    return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
  }

  /** The full URI of an absolute HDFS path, e.g. {@code uri("/data/x")}. */
  public String uri(String absolutePath) {
    if (!absolutePath.startsWith("/")) {
      throw new IllegalArgumentException("an absolute HDFS path, got " + absolutePath);
    }
    return root() + absolutePath;
  }

  /** A client of this HDFS with a fresh configuration; its caller closes it. */
  public FileSystem newClient() {
    try {
      Configuration conf = new Configuration();
      return FileSystem.newInstance(root(), conf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops both daemons and deletes their storage. */
  @Override
  public void close() {
    cluster.shutdown(true);
  }

  public Path baseDir() {
    return baseDir;
  }
}
