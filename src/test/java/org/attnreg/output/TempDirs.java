package org.attnreg.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Surefire points {@code java.io.tmpdir} at {@code target/tmp}, which nothing creates; tests using
 * {@code @TempDir} call {@link #ensureExists()} from {@code @BeforeAll}.
 */
public final class TempDirs {
  private TempDirs() {}

  public static void ensureExists() throws IOException {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }
}
