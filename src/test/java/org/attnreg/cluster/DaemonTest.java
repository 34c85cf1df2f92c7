package org.attnreg.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PID files are trusted only while they name the process that was started: no other one is ever signalled. */
class DaemonTest {
  @TempDir
  Path dir;

  private Process sleeper(String... extra) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/perl", "-e", "sleep 60", "--"));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd).start();
  }

  @Test
  void aPidThatIsNotOursAnyMoreIsLeftAlone() throws Exception {
    String marker = "-Dattnreg.cluster.dir=" + dir + " ";
    Process stranger = sleeper("no-marker-here", "x");
    try {
      Daemon d = new Daemon("worker-1", dir.resolve("pids/worker-1.pid"), dir.resolve("worker-1.log"));
      d.record(stranger.toHandle());
      assertTrue(d.process(marker).isEmpty(), "a process without the marker is not ours");
      String outcome = d.stop(marker, Duration.ofSeconds(5));
      assertTrue(outcome.contains("nothing to stop"), outcome);
      assertTrue(stranger.isAlive(), "the stranger must not have been signalled");
      assertFalse(Files.exists(d.pidFile()), "the stale PID file is removed");
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void ourOwnProcessIsStoppedByItsPidFile() throws Exception {
    String marker = "-Dattnreg.cluster.dir=" + dir + " ";
    Process ours = sleeper(marker.trim(), "x");
    try {
      Daemon d = new Daemon("master", dir.resolve("pids/master.pid"), dir.resolve("master.log"));
      d.record(ours.toHandle());
      assertTrue(d.process(marker).isPresent());
      assertTrue(d.process("-Dattnreg.cluster.dir=" + dir + "-other ").isEmpty(), "another work dir's marker");
      String outcome = d.stop(marker, Duration.ofSeconds(5));
      assertTrue(outcome.contains("stopped"), outcome);
      assertFalse(ours.isAlive());
    } finally {
      ours.destroyForcibly();
    }
  }

  @Test
  void aFakeSparkHomeNeedsSparkCoreAmongTheJars() throws Exception {
    Path jar = Files.writeString(dir.resolve("other.jar"), "");
    assertThrows(IllegalArgumentException.class, () -> SparkHome.fake(dir.resolve("home"), List.of(jar)));
    Path core = Files.writeString(dir.resolve("spark-core_2.13-4.1.0.jar"), "");
    Path home = SparkHome.fake(dir.resolve("home"), List.of(jar, core));
    assertTrue(Files.isSymbolicLink(home.resolve("jars/spark-core_2.13-4.1.0.jar")));
    assertTrue(Files.isDirectory(home.resolve("conf")));
    assertThrows(IllegalArgumentException.class, () -> SparkHome.checkDistribution(dir));
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class,
        () -> new StandaloneCluster.Settings(0, 1, "1g", 0, null, List.of(), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new StandaloneCluster.Settings(2, 1, "lots", 0, null, List.of(), Duration.ofSeconds(1)));
  }
}
