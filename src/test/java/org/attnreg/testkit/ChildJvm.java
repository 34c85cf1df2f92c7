package org.attnreg.testkit;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test class path in a child JVM with the module flags Spark needs. */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * @param heap the child's -Xmx, e.g. "256m"
   * @param log where the child's stdout and stderr go
   */
  public static Process start(String heap, Path log, Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens") || flag.startsWith("--add-modules") || flag.startsWith("--enable-native")
          || flag.startsWith("-XX:+IgnoreUnrecognized") || flag.startsWith("-Dio.netty")
          || flag.startsWith("-Djdk.reflect")) {
        cmd.add(flag);
      }
    }
    cmd.add("-Xmx" + heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    File out = log.toFile();
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
  }
}
