package org.attnreg.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads every checkpoint file named on the command line (in a small-heap child JVM) and prints one
 * line each: {@code name|READ} or {@code name|REFUSED|message}. An out-of-memory error ends it with
 * a non-zero exit code.
 */
public final class HostileCheckpointProbe {
  private HostileCheckpointProbe() {}

  public static void main(String[] args) throws IOException {
    for (String file : args) {
      Path p = Path.of(file);
      try (InputStream in = Files.newInputStream(p)) {
        Checkpoint.read(p.toString(), in, HostileCheckpoints.expected());
        System.out.println(p.getFileName() + "|READ");
      } catch (IllegalArgumentException e) {
        System.out.println(p.getFileName() + "|REFUSED|" + e.getMessage().replace('\n', ' '));
      }
    }
  }
}
