package org.attnreg.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One cold command in its own process, timed by the wall clock from spawn to exit, as a user would
 * time it. Its standard output and error go to {@code <log>.out} and {@code <log>.err} (local files:
 * a child process writes to the local file system whatever the bench's output is).
 *
 * @param command the program and its arguments
 * @param directory the working directory
 * @param environment variables to set ({@code null} value: remove) on top of the bench's own
 * @param log the path prefix of the two output files
 */
record ChildProcess(List<String> command, File directory, Map<String, String> environment, File log) {

  /** What a finished child left: exit code, wall-clock seconds, its standard output. */
  record Run(int exitCode, double seconds, String stdout, String stderrTail) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs the command to its end, or kills it after {@code timeoutSeconds}. */
  Run run(double timeoutSeconds) {
    File out = new File(log.getPath() + ".out");
    File err = new File(log.getPath() + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(directory).redirectOutput(out).redirectError(err)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    environment.forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    try {
      long t0 = System.nanoTime();
      Process p = pb.start();
      boolean done;
      try {
        done = p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      }
      double seconds = (System.nanoTime() - t0) * 1e-9;
      if (!done) {
        p.destroy(); // SIGTERM: the launcher passes it on to its JVM
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
        return new Run(-1, seconds, read(out), "killed after " + (long) timeoutSeconds + " s");
      }
      return new Run(p.exitValue(), seconds, read(out), tail(read(err)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + command.get(0), e);
    }
  }

  private static String read(File f) throws IOException {
    return f.exists() ? Files.readString(f.toPath(), StandardCharsets.UTF_8) : "";
  }

  /** The last few lines of the child's errors: enough to say why it failed. */
  private static String tail(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }
}
