package org.attnreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' class-data archive (jobs/lib.bash): the JVM silently ignores an archive whose jars
 * changed since it was written, so the archive's name follows the jars' sizes and times, and a new
 * archive replaces the old ones.
 */
class LauncherArchiveTest {

  @Test
  void aRebuiltJarGetsAnArchiveOfItsOwnAndTheOldOneGoes(@TempDir Path dir) throws Exception {
    Path jar = Files.writeString(dir.resolve("app.jar"), "classes");
    Path other = Files.writeString(dir.resolve("dep.jar"), "more classes");
    String classPath = jar + ":" + other;
    Path cds = dir.resolve("cds");
    String first = archive(cds, classPath);
    assertEquals(first, archive(cds, classPath), "the same jars: the same archive");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    String rebuilt = archive(cds, classPath);
    assertNotEquals(first, rebuilt, "a jar of another time: another archive");
    Files.writeString(jar, "classes, rebuilt");
    assertNotEquals(rebuilt, archive(cds, classPath), "a jar of another size: another archive");

    Files.createDirectories(cds);
    Path old = Files.writeString(cds.resolve("attnreg-0123456789abcdef.jsa"), "old");
    String current = archive(cds, classPath);
    bash(". jobs/lib.bash; cds_options '" + cds + "' '" + classPath + "' solve; echo x > \"$cds_pending\"; cds_publish 0");
    assertTrue(Files.exists(Path.of(current)), "the new archive is kept");
    assertTrue(Files.notExists(old), "the archive of the earlier jars is removed");
  }

  /** The archive path cds_options picks for a solve with this class path. */
  private static String archive(Path cds, String classPath) throws IOException, InterruptedException {
    return bash(". jobs/lib.bash; cds_options '" + cds + "' '" + classPath + "' solve; echo \"$cds_archive\"").trim();
  }

  private static String bash(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
