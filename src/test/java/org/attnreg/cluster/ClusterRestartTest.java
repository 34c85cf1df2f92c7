package org.attnreg.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Starting again in the same work directory: the readiness check and the URL come from this start's
 * own log lines (the earlier start's "elected leader" and URL must not count), and a busy port is
 * a clear failure that leaves nothing running.
 */
@Tag("cluster")
class ClusterRestartTest {
  static StandaloneCluster.Settings settings(int port) {
    return new StandaloneCluster.Settings(1, 1, "512m", port, null,
        SparkHome.jarsOf(System.getProperty("java.class.path")), Duration.ofSeconds(120));
  }

  @Test
  void aRestartInTheSameWorkDirWaitsForItsOwnMasterAndABusyPortFailsClearly() throws Exception {
    Path dir = Path.of("target", "cluster-restart-test").toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        old.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    StandaloneCluster cluster = StandaloneCluster.in(dir);
    try {
      String first = cluster.start(settings(0));
      assertListens(cluster, first);
      cluster.stop();
      assertFalse(cluster.running());
      assertFalse(Files.exists(cluster.driverProperties()), "a stopped cluster's secret is removed");

      try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = busy.getLocalPort();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cluster.start(settings(port)));
        System.err.println("busy port: " + e.getMessage());
        assertTrue(e.getMessage().contains("port " + port) && e.getMessage().contains("in use"), e.getMessage());
        assertFalse(cluster.running(), "nothing is left running after a failed start");
        assertTrue(cluster.master().process(cluster.marker()).isEmpty());
        assertFalse(Files.exists(cluster.driverProperties()), "no settings for a cluster that is not up");
      }

      String second = cluster.start(settings(0));
      assertListens(cluster, second);
      // Ready means ready now: the worker has registered with this master, after its own start line.
      String masterLog = Files.readString(cluster.master().log());
      String sinceLastStart = masterLog.substring(masterLog.lastIndexOf("Starting Spark master at"));
      assertTrue(sinceLastStart.startsWith("Starting Spark master at " + second), sinceLastStart);
      assertTrue(sinceLastStart.contains("Registering worker"), "the worker registered with this start's master:\n"
          + sinceLastStart);
      assertEquals(3, masterLog.split("Starting Spark master at", -1).length - 1, "three starts in one log");
      assertTrue(Files.readAllLines(cluster.driverProperties()).contains("spark.master=" + second));
    } finally {
      cluster.stop().forEach(System.err::println);
    }
    assertTrue(cluster.executors().isEmpty());
  }

  /** The URL start returned is a port the recorded master process itself listens on. */
  static void assertListens(StandaloneCluster cluster, String url) throws Exception {
    assertTrue(cluster.running());
    int port = MasterLog.port(url);
    List<ListeningSockets.Socket> sockets = ListeningSockets.of(cluster.master().pid());
    assertTrue(sockets.stream().anyMatch(s -> s.port() == port && s.address().isLoopbackAddress()),
        "the master (pid " + cluster.master().pid() + ") listens on " + sockets + ", not on " + url);
  }
}
