package org.attnreg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The cold commands of the e2e section, run from this repository's {@code jobs/} launchers in
 * private (0700) folders under {@code <out>/e2e}: {@code data/} holds the generated instances
 * (reused by later runs), {@code runs/} each command's output directory and its stdout/stderr.
 */
final class E2eRunner {
  /** Where check_math.py is when not at {@value E2eBench#SCIPY_SOURCE} beside the repository. */
  static final String CHECK_MATH_ENV = "ATTNREG_CHECK_MATH";
  private static final FsPermission PRIVATE = new FsPermission((short) 0700);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BenchContext ctx;
  private final File root;
  private final LocalFileSystem fs;
  private final Path work;
  private final double timeoutSeconds;
  private String scipyWhy;
  private boolean scipyChecked;

  private E2eRunner(BenchContext ctx, File root, LocalFileSystem fs, Path work) {
    this.ctx = ctx;
    this.root = root;
    this.fs = fs;
    this.work = work;
    this.timeoutSeconds = ctx.plan.quick() ? 900 : 3600;
  }

  /**
   * A runner writing under {@code <out>/e2e}.
   *
   * @throws IllegalStateException saying why the section cannot run here
   */
  static E2eRunner open(BenchContext ctx, String out) {
    File root = repository();
    if (!new File(root, "jobs/solve").canExecute()) {
      throw new IllegalStateException("no executable jobs/solve in " + root + " (the bench runs from target/classes)");
    }
    Configuration conf = ctx.sc.hadoopConfiguration();
    try {
      Path outPath = new Path(out);
      if (!(outPath.getFileSystem(conf) instanceof LocalFileSystem local)) {
        throw new IllegalStateException("--out " + out + " is not on the local file system, where child commands"
            + " write");
      }
      Path work = local.makeQualified(new Path(outPath, "e2e"));
      E2eRunner runner = new E2eRunner(ctx, root, local, work);
      runner.privateDir(work);
      runner.privateDir(new Path(work, "data"));
      runner.privateDir(new Path(work, "runs"));
      return runner;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out + "/e2e: " + e.getMessage(), e);
    }
  }

  private static File repository() {
    try {
      File classes = new File(E2eRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParentFile().getParentFile(); // <repository>/target/classes
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot tell where the attnreg repository is", e);
    }
  }

  private void privateDir(Path dir) throws IOException {
    fs.mkdirs(dir, PRIVATE);
    fs.setPermission(dir, PRIVATE); // mkdirs applies the umask
  }

  /** The instance's directory, generated on first use; null (and said why) when generation failed. */
  File data(E2eData.Instance instance) {
    Path dir = new Path(work, "data/" + instance.name());
    try {
      if (fs.exists(dir)) {
        ctx.say("e2e: reusing %s", dir);
        return fs.pathToFile(dir);
      }
      Path exact = new Path(work, "data/" + instance.name() + ".generated");
      Path partial = new Path(work, "data/" + instance.name() + ".partial");
      fs.delete(exact, true); // what a stopped run of this section left
      fs.delete(partial, true);
      List<String> cmd = new ArrayList<>(List.of(launcher("generate"), "--family", instance.family(), "--n",
          Long.toString(instance.n()), "--d", Integer.toString(instance.d()), "--format", "csv", "--out",
          fs.pathToFile(exact).getPath()));
      if (instance.noise() > 0) {
        cmd.addAll(List.of("--noise", Double.toString(instance.noise())));
      }
      ChildProcess.Run run = child(cmd, Map.of(), "generate-" + instance.name()).run(timeoutSeconds);
      if (!run.ok()) {
        ctx.say("e2e: jobs/generate %s failed: %s", instance.name(), run.stderrTail());
        return null;
      }
      if (instance.relativeNoise() > 0) {
        MultiplicativeNoise.copy(exact, partial, instance.relativeNoise(), 1, ctx.sc.hadoopConfiguration());
        fs.delete(exact, true);
      } else {
        fs.rename(exact, partial);
      }
      fs.rename(partial, dir);
      ctx.say("e2e: generated %s in %.1f s", dir, run.seconds());
      return fs.pathToFile(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A file of d zeros, one per line, as {@code --x0} reads it. */
  File zeros(int d) {
    Path file = new Path(work, "data/zeros-" + d + ".csv");
    try (var out = fs.create(file, true)) {
      out.write("0\n".repeat(d).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return fs.pathToFile(file);
  }

  /** {@code jobs/solve} into {@code runs/<name>} (replaced if an earlier run left it). */
  ChildProcess.Run solve(String family, File data, File x0, String name) {
    Path out = runDir(name);
    List<String> cmd = new ArrayList<>(List.of(launcher("solve"), "--family", family, "--input", data.getPath(),
        "--out", fs.pathToFile(out).getPath()));
    if (x0 != null) {
      cmd.addAll(List.of("--x0", x0.getPath()));
    }
    return child(cmd, Map.of(), name).run(timeoutSeconds);
  }

  /** {@code attnreg glr-fit} on the file. */
  ChildProcess.Run glrFit(File data, String name) {
    return child(List.of(launcher("attnreg"), "glr-fit", "--input", data.getPath()), Map.of(), name)
        .run(timeoutSeconds);
  }

  /** The scipy peer; numpy's BLAS may use every core (the launcher's one-thread setting is dropped). */
  ChildProcess.Run scipy(String family, File data, File x0, String name) {
    List<String> cmd = List.of("python3", new File(root, "jobs/peers/scipy_newton.py").getPath(), "--check-math",
        checkMath().getPath(), "--family", family, "--input", data.getPath(), "--x0", x0.getPath(), "--tol", "1e-10");
    Map<String, String> env = new HashMap<>();
    env.put("OPENBLAS_NUM_THREADS", null);
    return child(cmd, env, name).run(timeoutSeconds);
  }

  /** Why the scipy peer cannot run (checked once), or null. */
  String scipyUnavailable() {
    if (!scipyChecked) {
      scipyChecked = true;
      File checkMath = checkMath();
      if (!checkMath.isFile()) {
        scipyWhy = checkMath + " not found (set " + CHECK_MATH_ENV + " to its path)";
      } else {
        ChildProcess.Run probe = child(List.of("python3", "-c", "import numpy, scipy.optimize"), Map.of(),
            "python-probe").run(120);
        if (!probe.ok()) {
          scipyWhy = "python3 with numpy and scipy is not available: " + probe.stderrTail();
        }
      }
    }
    return scipyWhy;
  }

  private File checkMath() {
    String env = System.getenv(CHECK_MATH_ENV);
    return env != null && !env.isEmpty() ? new File(env) : new File(root, E2eBench.SCIPY_SOURCE);
  }

  /** The summary.json a successful solve wrote, or null when it failed. */
  JsonNode summary(ChildProcess.Run run, String name) {
    if (!run.ok()) {
      return null;
    }
    try {
      return JSON.readTree(read(new Path(work, "runs/" + name + "/summary.json")));
    } catch (IOException e) {
      throw new UncheckedIOException("runs/" + name + "/summary.json: not valid JSON: " + e.getMessage(), e);
    }
  }

  String trace(String name) {
    return read(new Path(work, "runs/" + name + "/trace.csv"));
  }

  /** The JSON object a successful command printed last, or null. */
  JsonNode json(ChildProcess.Run run) {
    if (!run.ok()) {
      return null;
    }
    List<String> lines = run.stdout().lines().filter(l -> l.startsWith("{")).toList();
    if (lines.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(lines.get(lines.size() - 1));
    } catch (IOException e) {
      return null;
    }
  }

  private String read(Path file) {
    try (FSDataInputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Path runDir(String name) {
    Path out = new Path(work, "runs/" + name);
    try {
      fs.delete(out, true); // this section's own output of an earlier run
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + out + ": " + e.getMessage(), e);
    }
    return out;
  }

  private String launcher(String name) {
    return new File(root, "jobs/" + name).getPath();
  }

  private ChildProcess child(List<String> cmd, Map<String, String> env, String name) {
    File log = fs.pathToFile(new Path(work, "runs/" + name + ".log"));
    ctx.say("e2e: %s", String.join(" ", cmd));
    return new ChildProcess(cmd, root, env, log);
  }
}
