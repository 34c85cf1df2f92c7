package org.attnreg.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's private files, its secret and what it reads from the master's log, without starting Spark. */
class ClusterFilesTest {
  @TempDir
  Path dir;

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aPrivateDirectoryIsCreatedWithMode700EvenUnderAPermissiveParent() throws Exception {
    Path parent = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path made = PrivateFiles.directory(parent.resolve("a/b"));
    assertEquals("rwx------", mode(made));
    assertEquals(made, PrivateFiles.directory(made), "an existing private directory is accepted as it is");
  }

  @Test
  void aSymlinkAnOpenModeOrAFileIsRefusedAndLeftAsItWas() throws Exception {
    Path target = Files.createDirectories(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PrivateFiles.directory(link));
    assertTrue(e.getMessage().contains("symbolic link") && e.getMessage().contains(link.toString()), e.getMessage());
    assertTrue(Files.isSymbolicLink(link));

    Path open = Files.createDirectories(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    e = assertThrows(IllegalStateException.class, () -> PrivateFiles.directory(open));
    assertTrue(e.getMessage().contains("rwxr-xr-x") && e.getMessage().contains("chmod 700"), e.getMessage());
    assertEquals("rwxr-xr-x", mode(open), "a refused directory is not changed behind the user's back");

    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThrows(IllegalStateException.class, () -> PrivateFiles.directory(file));
  }

  @Test
  void aParentOthersCanWriteWithoutTheStickyBitIsRefused() throws Exception {
    Path parent = Files.createDirectories(dir.resolve("everyone"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PrivateFiles.directory(parent.resolve("mine")));
    assertTrue(e.getMessage().contains("writable by other users"), e.getMessage());
    assertFalse(Files.exists(parent.resolve("mine")));
    // /tmp-like: world-writable with the sticky bit is fine
    Files.setAttribute(parent, "unix:mode", 01777);
    assertEquals("rwx------", mode(PrivateFiles.directory(parent.resolve("mine"))));
  }

  @Test
  void secretFilesAreMode600AndCarryAFreshSecret() throws Exception {
    Path work = PrivateFiles.directory(dir.resolve("work"));
    String secret = ClusterAuth.newSecret();
    assertTrue(secret.matches("[0-9a-f]{64}"), secret);
    assertFalse(secret.equals(ClusterAuth.newSecret()), "every start draws a new secret");
    Path daemon = ClusterAuth.writeDaemon(work, secret);
    Path driver = ClusterAuth.writeDriver(work, secret, "spark://127.0.0.1:7077");
    for (Path f : new Path[] {daemon, driver}) {
      assertEquals("rw-------", mode(f), f.toString());
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(f)) {
        p.load(in);
      }
      assertEquals("true", p.getProperty("spark.authenticate"));
      assertEquals(secret, p.getProperty("spark.authenticate.secret"));
      assertEquals("false", p.getProperty("spark.ui.killEnabled"));
    }
    Properties d = new Properties();
    try (var in = Files.newBufferedReader(driver)) {
      d.load(in);
    }
    assertEquals("spark://127.0.0.1:7077", d.getProperty("spark.master"), "plain key=value, as the launchers grep it");
    assertTrue(Files.readAllLines(driver).contains("spark.master=spark://127.0.0.1:7077"));
    assertEquals("127.0.0.1", d.getProperty("spark.driver.bindAddress"));
  }

  @Test
  void aPrivateFileIsReplacedInOneStepAndNeverOpenToOthers() throws Exception {
    Path f = dir.resolve("x.pid");
    Files.writeString(f, "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    PrivateFiles.write(f, "new");
    assertEquals("new", Files.readString(f));
    assertEquals("rw-------", mode(f));
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no temporary file is left beside it");
    }
  }

  @Test
  void theMasterUrlAndPortsComeFromTheMastersOwnLines() {
    String log = """
        26/12/01 10:57:35 WARN Utils: Service 'sparkMaster' could not bind on port 47077. Attempting port 47078.
        26/12/01 10:57:35 INFO Utils: Successfully started service 'sparkMaster' on port 47078.
        26/12/01 10:57:35 INFO Master: Starting Spark master at spark://127.0.0.1:47078
        26/12/01 10:57:35 INFO Utils: Successfully started service 'MasterUI' on port 37979.
        26/12/01 10:57:35 INFO Master: I have been elected leader! New state: ALIVE
        """;
    assertEquals("spark://127.0.0.1:47078", MasterLog.url(log));
    assertEquals(47078, MasterLog.port(MasterLog.url(log)));
    assertEquals(37979, MasterLog.uiPort(log));
    assertTrue(MasterLog.bindFailure(log).contains("could not bind on port 47077"));
    assertNull(MasterLog.bindFailure("INFO Master: I have been elected leader!"));
    assertThrows(IllegalStateException.class, () -> MasterLog.url("INFO Master: Running Spark version 4.1.0"));
  }

  @Test
  void aDaemonsReadinessIsReadOnlyFromWhatThisStartLogged() throws Exception {
    Path log = Files.writeString(dir.resolve("master.log"), "INFO Master: I have been elected leader! (an earlier start)\n");
    Daemon d = new Daemon("master", dir.resolve("master.pid"), log);
    long from = d.logSize();
    assertFalse(d.logSince(from).contains(StandaloneCluster.MASTER_READY));
    Files.writeString(log, "INFO Master: Starting Spark master at spark://127.0.0.1:5\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals("INFO Master: Starting Spark master at spark://127.0.0.1:5\n", d.logSince(from));
  }

  @Test
  void theDefaultWorkDirIsInTheUsersStateFolderNeverInSharedTemp() {
    assertEquals(Path.of("/home/u/.local/state/attnreg/cluster"), ClusterCommand.defaultWorkDir(Map.of(), "/home/u"));
    assertEquals(Path.of("/s/attnreg/cluster"), ClusterCommand.defaultWorkDir(Map.of("XDG_STATE_HOME", "/s"), "/home/u"));
    assertEquals(Path.of("/home/u/.local/state/attnreg/cluster"),
        ClusterCommand.defaultWorkDir(Map.of("XDG_STATE_HOME", "relative"), "/home/u"), "XDG paths must be absolute");
    assertEquals(Path.of("/c"), ClusterCommand.defaultWorkDir(Map.of("ATTNREG_CLUSTER_DIR", "/c", "XDG_STATE_HOME", "/s"),
        "/home/u"));
  }
}
