package org.attnreg.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A Spark standalone master and its workers as separate JVMs on 127.0.0.1, started from a Spark
 * distribution or from this project's own dependency jars (a "fake" SPARK_HOME whose {@code jars/}
 * holds symlinks, {@link SparkHome}), with everything under one work directory:
 * {@code cluster.properties} (master URL, ports), {@code pids/}, {@code logs/}, the workers' work
 * directories {@code worker-N/} (executor logs), {@code local/} and {@code tmp/}.
 *
 * <p>{@link #stop} ends exactly the processes {@link #start} recorded, each only after checking
 * that its PID still names that process ({@link Daemon}).
 */
public final class StandaloneCluster {
  static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
  static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
  static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
  static final String MASTER_READY = "I have been elected leader";
  static final String WORKER_READY = "Successfully registered with master";
  private static final Duration GRACE = Duration.ofSeconds(15);

  private final Path workDir;

  private StandaloneCluster(Path workDir) {
    this.workDir = workDir.toAbsolutePath().normalize();
  }

  /** The cluster whose files live in {@code workDir} (running or not). */
  public static StandaloneCluster in(Path workDir) {
    return new StandaloneCluster(workDir);
  }

  /**
   * What to start.
   *
   * @param workers number of worker JVMs
   * @param cores cores each worker offers
   * @param memory memory each worker offers to executors, e.g. {@code 2g}
   * @param masterPort the master's port; 0 picks a free one
   * @param sparkHome a Spark distribution, or null for a fake SPARK_HOME from {@code jars}
   * @param jars the dependency jars for a fake SPARK_HOME (ignored with a distribution)
   * @param timeout how long to wait for the master to be elected and each worker to register
   */
  public record Settings(int workers, int cores, String memory, int masterPort, Path sparkHome, List<Path> jars,
      Duration timeout) {
    public Settings {
      if (workers < 1 || cores < 1) {
        throw new IllegalArgumentException("--workers and --cores must be ≥ 1, got " + workers + " and " + cores);
      }
      if (!memory.matches("\\d+[mMgG]")) {
        throw new IllegalArgumentException("--memory: expected a size such as 512m or 2g, got '" + memory + "'");
      }
      if (masterPort < 0 || masterPort > 65535) {
        throw new IllegalArgumentException("--port: must be 0 (free) or a port number, got " + masterPort);
      }
      jars = List.copyOf(jars);
    }
  }

  public Path workDir() {
    return workDir;
  }

  /** The marker every daemon's command line carries; it tells our processes from any other. */
  String marker() {
    return "-Dattnreg.cluster.dir=" + workDir + " ";
  }

  Daemon master() {
    return new Daemon("master", workDir.resolve("pids/master.pid"), workDir.resolve("logs/master.log"));
  }

  List<Daemon> workers() {
    List<Daemon> out = new ArrayList<>();
    try (var pids = Files.list(workDir.resolve("pids"))) {
      pids.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("worker-") && n.endsWith(".pid")).sorted()
          .forEach(n -> out.add(worker(Integer.parseInt(n.substring(7, n.length() - 4)))));
    } catch (IOException e) {
      // no pids directory: nothing started
    }
    return out;
  }

  Daemon worker(int i) {
    return new Daemon("worker-" + i, workDir.resolve("pids/worker-" + i + ".pid"),
        workDir.resolve("logs/worker-" + i + ".log"));
  }

  /**
   * Starts the master, then the workers, and waits until every worker has registered.
   *
   * @return the master URL
   * @throws IllegalStateException when a cluster is already running here, or a daemon does not come
   *     up in time (everything started is stopped again; the message quotes the daemon's log)
   */
  public String start(Settings s) {
    if (master().process(marker()).isPresent() || workers().stream().anyMatch(w -> w.process(marker()).isPresent())) {
      throw new IllegalStateException("a cluster is already running in " + workDir + " (" + properties()
          .getProperty("master_url") + "); stop it first");
    }
    try {
      Files.createDirectories(workDir.resolve("logs"));
      Files.createDirectories(workDir.resolve("pids"));
      Files.createDirectories(workDir.resolve("local"));
      Files.createDirectories(workDir.resolve("tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + workDir + ": " + e.getMessage(), e);
    }
    Path home = s.sparkHome() != null ? SparkHome.checkDistribution(s.sparkHome())
        : SparkHome.fake(workDir.resolve("spark-home"), s.jars());
    int port = s.masterPort() > 0 ? s.masterPort() : freePort();
    String url = "spark://127.0.0.1:" + port;
    int ui = freePort();
    try {
      launch(master(), home, MASTER_CLASS, List.of("-Dspark.master.rest.enabled=false"),
          List.of("--host", "127.0.0.1", "--port", "" + port, "--webui-port", "" + ui));
      await(master(), MASTER_READY, s.timeout());
      List<String> workerPorts = new ArrayList<>();
      for (int i = 1; i <= s.workers(); i++) {
        int wp = freePort();
        workerPorts.add("" + wp);
        Path dir = Files.createDirectories(workDir.resolve("worker-" + i));
        launch(worker(i), home, WORKER_CLASS, List.of(), List.of(url, "--host", "127.0.0.1", "--port", "" + wp,
            "--webui-port", "" + freePort(), "--cores", "" + s.cores(), "--memory", s.memory(), "--work-dir",
            dir.toString()));
      }
      for (int i = 1; i <= s.workers(); i++) {
        await(worker(i), WORKER_READY, s.timeout());
      }
      writeProperties(url, ui, workerPorts, home);
      return url;
    } catch (RuntimeException | IOException e) {
      stop();
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new IllegalStateException("cannot start the cluster in " + workDir + ": " + e.getMessage(), e);
    }
  }

  private void launch(Daemon d, Path home, String mainClass, List<String> properties, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid"); // its own session: closing the terminal that ran `cluster start` leaves it running
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags());
    cmd.add("-Xmx512m");
    cmd.add(marker().trim());
    cmd.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
    cmd.addAll(properties);
    cmd.add("-cp");
    cmd.add(home.resolve("conf") + File.separator + File.pathSeparator + home.resolve("jars") + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(d.log().toFile()))
        .redirectInput(new File("/dev/null"));
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", workDir.resolve("local").toString());
    env.put("OPENBLAS_NUM_THREADS", "1");
    d.record(pb.start().toHandle());
  }

  private void await(Daemon d, String phrase, Duration timeout) {
    waitFor(() -> d.logContains(phrase) || d.process(marker()).isEmpty(), timeout);
    if (!d.logContains(phrase)) {
      String why = d.process(marker()).isEmpty() ? "exited" : "did not log \"" + phrase + "\" within "
          + timeout.toSeconds() + " s";
      throw new IllegalStateException(d.role() + " " + why + "; last lines of " + d.log() + ":\n" + d.tail(15));
    }
  }

  /** Polls {@code condition} every 100 ms until it holds or the timeout passes; true if it held. */
  static boolean waitFor(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Stops the workers, then the master; one line per daemon saying what was done. */
  public List<String> stop() {
    List<String> out = new ArrayList<>();
    for (Daemon w : workers()) {
      out.add(w.stop(marker(), GRACE));
    }
    out.add(master().stop(marker(), GRACE));
    List<ProcessHandle> left = executors();
    for (ProcessHandle e : left) { // normally the workers end their executors themselves
      Daemon.terminate(e, GRACE);
      out.add("executor: stopped a leftover executor of this cluster (pid " + e.pid() + ")");
    }
    return out;
  }

  /** One line per daemon: running (with its PID) or not. */
  public List<String> status() {
    List<String> out = new ArrayList<>();
    Properties p = properties();
    List<Daemon> all = new ArrayList<>();
    all.add(master());
    all.addAll(workers());
    for (Daemon d : all) {
      long pid = d.pid();
      String state = pid < 0 ? "not started" : d.process(marker()).isPresent() ? "running (pid " + pid + ")"
          : "not running (stale pid file, pid " + pid + ")";
      out.add(d.role() + ": " + state + (d.role().equals("master") && pid >= 0 ? ", " + p.getProperty("master_url")
          + ", web UI http://127.0.0.1:" + p.getProperty("master_web_ui_port") : ""));
    }
    out.add("executors: " + executors().size() + " running");
    return out;
  }

  /** True when the master and every recorded worker run. */
  public boolean running() {
    return master().process(marker()).isPresent() && !workers().isEmpty()
        && workers().stream().allMatch(w -> w.process(marker()).isPresent());
  }

  /** The master URL of the last start, or null. */
  public String masterUrl() {
    return properties().getProperty("master_url");
  }

  /** Executor JVMs launched by this cluster's workers (recognised by their worker URL). */
  public List<ProcessHandle> executors() {
    String ports = properties().getProperty("worker_ports", "");
    if (ports.isEmpty()) {
      return List.of();
    }
    List<String> urls = Arrays.stream(ports.split(",")).map(p -> "spark://Worker@127.0.0.1:" + p + " ").toList();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> {
      String c = h.info().commandLine().orElse("") + " ";
      return c.contains(EXECUTOR_CLASS) && urls.stream().anyMatch(c::contains);
    }).toList();
  }

  private void writeProperties(String url, int ui, List<String> workerPorts, Path home) throws IOException {
    Properties p = new Properties();
    p.setProperty("master_url", url);
    p.setProperty("master_web_ui_port", "" + ui);
    p.setProperty("worker_ports", String.join(",", workerPorts));
    p.setProperty("spark_home", home.toString());
    try (var out = Files.newBufferedWriter(workDir.resolve("cluster.properties"), StandardCharsets.UTF_8)) {
      p.store(out, "attnreg standalone cluster");
    }
  }

  Properties properties() {
    Properties p = new Properties();
    Path file = workDir.resolve("cluster.properties");
    if (Files.exists(file)) {
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return p;
  }

  /** Spark's JVM flags for Java 17, from the build ({@code attnreg-jvm.flags}). */
  static List<String> jvmFlags() {
    try (InputStream in = StandaloneCluster.class.getResourceAsStream("/attnreg-jvm.flags")) {
      if (in == null) {
        throw new IllegalStateException("attnreg-jvm.flags is not on the class path; build the project first");
      }
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"))
          .filter(f -> !f.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port free on 127.0.0.1 right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
