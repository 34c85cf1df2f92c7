package org.attnreg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.attnreg.job.BatchManifest;
import org.attnreg.output.AtomicFiles;

/**
 * One batch instance ({@code --isolate}) solved by its own driver: a child JVM running
 * {@code attnreg solve} with this JVM's class path and the project's JVM flags, and its own embedded
 * Spark (or the batch's {@code --master}). Whatever the child does — fail, run out of memory (an
 * executor's out-of-memory handler ends a local-mode JVM with exit code 52), be killed — only the child
 * ends; its exit code and the reason are recorded.
 */
final class ChildSolve {
  /** The JVM flags Spark needs on Java 17, filtered into the build's resources. */
  static final String FLAGS_RESOURCE = "/attnreg-jvm.flags";
  /** Spark's executor exit code after an uncaught out-of-memory error. */
  static final int EXECUTOR_OOM = 52;
  /** How much of a child's output is kept for its log (the end, where the error is). */
  private static final int KEEP_CHARS = 256 * 1024;

  private ChildSolve() {}

  /**
   * The child's command line; its class path, this JVM's, goes in the environment ({@link #classPath}), so
   * that the command line stays short enough for {@code ps} to show the instance's options.
   *
   * @param heap the child's -Xmx (the instance's driver_memory, else ATTNREG_DRIVER_MEMORY, else this JVM's)
   */
  static List<String> command(BatchManifest.Instance instance, String master, String heap) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags());
    String extra = System.getenv("ATTNREG_JAVA_OPTS"); // as jobs/attnreg passes them, but the heap is the instance's
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(Arrays.asList(extra.strip().split("\\s+")));
    }
    cmd.add("-Xmx" + heap);
    String jars = System.getProperty("spark.jars"); // a cluster's executors load the project's classes from it
    if (jars != null) {
      cmd.add("-Dspark.jars=" + jars);
    }
    cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    String log4j = System.getProperty("log4j2.configurationFile");
    if (log4j != null) {
      cmd.add("-Dlog4j2.configurationFile=" + log4j);
    }
    cmd.add(Main.class.getName());
    cmd.addAll(instance.solveArgs());
    if (master != null) {
      cmd.add("--master=" + master);
    }
    return cmd;
  }

  /** The class path of this JVM, which the child runs with. */
  static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** The child's heap: the instance's, else ATTNREG_DRIVER_MEMORY, else this JVM's maximum. */
  static String heap(BatchManifest.Instance instance) {
    if (instance.driverMemory() != null) {
      return instance.driverMemory();
    }
    String env = System.getenv("ATTNREG_DRIVER_MEMORY");
    return env != null && !env.isBlank() ? env.strip() : (Runtime.getRuntime().maxMemory() >> 20) + "m";
  }

  static List<String> jvmFlags() {
    try (InputStream in = ChildSolve.class.getResourceAsStream(FLAGS_RESOURCE)) {
      if (in == null) {
        return List.of();
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() || text.startsWith("${") ? List.of() : Arrays.asList(text.split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FLAGS_RESOURCE, e);
    }
  }

  /**
   * Runs the instance's child to its end.
   *
   * @param log receives the child's command line and the end of its output
   * @return the row of batch.csv (the results of a finished solve from its summary.json)
   */
  static BatchCommand.Row run(BatchManifest.Instance instance, String master, Configuration conf, StringBuilder log)
      throws InterruptedException {
    List<String> cmd = command(instance, master, heap(instance));
    log.append(String.join(" ", instance.solveArgs())).append('\n');
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("CLASSPATH", classPath());
    pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putIfAbsent("OPENBLAS_NUM_THREADS", "1");
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      return new BatchCommand.Row(instance.name(), "failed", ExitCode.INTERNAL, null, null, null, 0.0,
          instance.out(), "cannot start the instance's JVM: " + e.getMessage());
    }
    try {
      child.getOutputStream().close(); // the solve reads no input
    } catch (IOException e) {
      // nothing was going to be written to it
    }
    Thread stopChild = new Thread(child::destroyForcibly); // a batch ended by a signal leaves no instance behind
    Runtime.getRuntime().addShutdownHook(stopChild);
    String output;
    int code;
    try {
      output = tail(child.getInputStream());
      code = child.waitFor();
    } catch (InterruptedException e) { // the batch is being stopped: its instances stop with it
      child.destroyForcibly();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs
      }
    }
    log.append(output);
    return row(instance, code, output, conf);
  }

  static BatchCommand.Row row(BatchManifest.Instance instance, int code, String output, Configuration conf) {
    String name = instance.name();
    if (code == ExitCode.OK || code == ExitCode.NOT_CONVERGED) {
      JsonNode summary = summary(instance.out(), conf);
      if (summary != null) {
        return new BatchCommand.Row(name, summary.path("status").asText(), code, summary.path("iterations").asInt(),
            summary.path("loss").asDouble(), summary.path("gradient_norm").asDouble(), 0.0, instance.out(),
            code == ExitCode.OK ? "" : summary.path("message").asText());
      }
    }
    String oom = lineWith(output, "java.lang.OutOfMemoryError");
    if (code == EXECUTOR_OOM || oom != null) {
      return new BatchCommand.Row(name, "out_of_memory", code, null, null, null, 0.0, instance.out(),
          "the instance's JVM ran out of memory (exit " + code + ")" + (oom == null ? "" : ": " + oom.strip()));
    }
    if (code > 128) {
      return new BatchCommand.Row(name, "killed", code, null, null, null, 0.0, instance.out(),
          "the instance's JVM was killed by signal " + (code - 128) + " (exit " + code + ")");
    }
    String error = lineWith(output, "error: ");
    return BatchCommand.Row.failed(name, code, instance.solveArgs(),
        error != null ? error : "the instance's JVM exited with code " + code);
  }

  private static JsonNode summary(String out, Configuration conf) {
    try {
      String text = AtomicFiles.readTextAt(out + "/summary.json", conf);
      return text == null ? null : new ObjectMapper().readTree(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The first line holding {@code marker}, from the marker on; null if none. */
  private static String lineWith(String output, String marker) {
    int at = output.indexOf(marker);
    if (at < 0) {
      return null;
    }
    int end = output.indexOf('\n', at);
    return output.substring(at, end < 0 ? output.length() : end);
  }

  /** Reads the child's output to its end, keeping the last {@value #KEEP_CHARS} characters. */
  private static String tail(InputStream in) {
    StringBuilder kept = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      char[] buffer = new char[8192];
      for (int n = r.read(buffer); n >= 0; n = r.read(buffer)) {
        kept.append(buffer, 0, n);
        if (kept.length() > 2 * KEEP_CHARS) {
          kept.delete(0, kept.length() - KEEP_CHARS);
        }
      }
    } catch (IOException e) {
      kept.append("\n(output lost: ").append(e.getMessage()).append(")\n");
    }
    return kept.toString();
  }
}
