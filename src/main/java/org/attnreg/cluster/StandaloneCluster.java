package org.attnreg.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
 * holds symlinks, {@link SparkHome}), with everything under one private (0700) work directory:
 * {@code cluster.properties} (master URL, web UI port), the authentication files of
 * {@link ClusterAuth}, {@code conf/} (the daemons' and executors' SPARK_CONF_DIR), {@code pids/},
 * {@code logs/}, the workers' work directories {@code worker-N/} (executor logs), {@code local/}
 * and {@code tmp/}. The daemons run with umask 077, so all they write there is private too.
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
   * Starts the master, then the workers, and waits until every worker has registered. The master
   * URL is the one the master itself logs; only what this start appended to the logs counts.
   *
   * @return the master URL
   * @throws IllegalStateException when the work directory is not private, a cluster is already
   *     running here, the master cannot have the port asked for, or a daemon does not come up in
   *     time (everything started is stopped again; the message quotes the daemon's log)
   */
  public String start(Settings s) {
    PrivateFiles.directory(workDir);
    if (master().process(marker()).isPresent() || workers().stream().anyMatch(w -> w.process(marker()).isPresent())) {
      throw new IllegalStateException("a cluster is already running in " + workDir + " (" + properties()
          .getProperty("master_url") + "); stop it first");
    }
    for (String sub : List.of("logs", "pids", "local", "tmp", "conf")) {
      PrivateFiles.directory(workDir.resolve(sub));
    }
    Path home = s.sparkHome() != null ? SparkHome.checkDistribution(s.sparkHome())
        : SparkHome.fake(workDir.resolve("spark-home"), s.jars());
    String secret = ClusterAuth.newSecret();
    try {
      Files.deleteIfExists(workDir.resolve(ClusterAuth.DRIVER_FILE)); // the last start's secret opens nothing now
      Files.deleteIfExists(workDir.resolve("cluster.properties"));
      Path daemonSettings = ClusterAuth.writeDaemon(workDir, secret);
      Daemon master = master();
      long from = launch(master, home, MASTER_CLASS, List.of("--host", "127.0.0.1", "--port", "" + s.masterPort(),
          "--webui-port", "0", "--properties-file", daemonSettings.toString()));
      String log = await(master, from, MASTER_READY, s.timeout());
      String url = MasterLog.url(log);
      if (s.masterPort() > 0 && MasterLog.port(url) != s.masterPort()) {
        throw new IllegalStateException("port " + s.masterPort() + " on 127.0.0.1 is in use: the master bound "
            + url + " instead; free the port or choose another --port (0 picks a free one)");
      }
      int ui = MasterLog.uiPort(log);
      long[] offsets = new long[s.workers() + 1];
      for (int i = 1; i <= s.workers(); i++) {
        Path dir = PrivateFiles.directory(workDir.resolve("worker-" + i));
        offsets[i] = launch(worker(i), home, WORKER_CLASS, List.of(url, "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
            "--cores", "" + s.cores(), "--memory", s.memory(), "--work-dir", dir.toString(),
            "--properties-file", daemonSettings.toString()));
      }
      for (int i = 1; i <= s.workers(); i++) {
        await(worker(i), offsets[i], WORKER_READY, s.timeout());
      }
      writeProperties(url, ui, home);
      ClusterAuth.writeDriver(workDir, secret, url);
      return url;
    } catch (RuntimeException | IOException e) {
      stop();
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new IllegalStateException("cannot start the cluster in " + workDir + ": " + e.getMessage(), e);
    }
  }

  /** The settings file a driver of this cluster needs ({@code spark-submit --properties-file}). */
  public Path driverProperties() {
    return workDir.resolve(ClusterAuth.DRIVER_FILE);
  }

  /** The folder on every daemon's and executor's class path (SPARK_CONF_DIR); it marks their command lines. */
  Path confDir() {
    return workDir.resolve("conf");
  }

  /** Starts {@code d}'s JVM and records it; returns its log's length before, where this start's lines begin. */
  private long launch(Daemon d, Path home, String mainClass, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      cmd.add("/usr/bin/setsid"); // its own session: closing the terminal that ran `cluster start` leaves it running
    }
    // umask 077: every file a daemon or its executors create (logs, fetched jars, shuffle files) is private
    cmd.addAll(List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$@\""));
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags());
    cmd.add("-Xmx512m");
    cmd.add(marker().trim());
    cmd.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
    cmd.add("-cp");
    cmd.add(confDir() + File.separator + File.pathSeparator + home.resolve("jars") + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(args);
    long from = d.logSize();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(PrivateFiles.touch(d.log()).toFile()))
        .redirectInput(new File("/dev/null"));
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_CONF_DIR", confDir().toString()); // workers put it first on each executor's class path
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", workDir.resolve("local").toString());
    env.put("OPENBLAS_NUM_THREADS", "1");
    d.record(pb.start().toHandle());
    return from;
  }

  /**
   * Waits until {@code d} logs {@code phrase} after {@code offset}; returns what it logged since.
   *
   * @throws IllegalStateException when it exits first or the timeout passes, quoting its log
   */
  private String await(Daemon d, long offset, String phrase, Duration timeout) {
    // Gone means gone on three polls in a row: just after the launch the child may still be the JDK's
    // spawn helper on its way to exec'ing Java, whose command line does not carry our marker yet.
    int[] absent = {0};
    waitFor(() -> {
      if (d.logSince(offset).contains(phrase)) {
        return true;
      }
      absent[0] = d.process(marker()).isEmpty() ? absent[0] + 1 : 0;
      return absent[0] >= GONE_POLLS;
    }, timeout);
    String log = d.logSince(offset);
    if (!log.contains(phrase)) {
      String bind = MasterLog.bindFailure(log);
      String why = bind != null ? "cannot bind its port (" + bind + ")"
          : d.process(marker()).isEmpty() ? "exited" : "did not log \"" + phrase + "\" within "
          + timeout.toSeconds() + " s";
      throw new IllegalStateException(d.role() + " " + why + "; last lines of " + d.log() + ":\n"
          + d.tailSince(offset, 15));
    }
    return log;
  }

  /** Polls in a row that must find a daemon gone before it counts as exited. */
  private static final int GONE_POLLS = 3;

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
    checkExistingWorkDir();
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
    try {
      Files.deleteIfExists(driverProperties()); // its secret opens nothing any more
    } catch (IOException e) {
      out.add("cannot remove " + driverProperties() + ": " + e.getMessage());
    }
    return out;
  }

  /** One line per daemon: running (with its PID) or not. */
  public List<String> status() {
    checkExistingWorkDir();
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

  /** Refuses to trust the files of a work directory that others could have written. */
  private void checkExistingWorkDir() {
    if (Files.exists(workDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      PrivateFiles.checkPrivate(workDir);
    }
  }

  /**
   * Executor JVMs launched by this cluster's workers: their class path (from
   * {@code /proc/<pid>/cmdline}) starts with this cluster's {@code conf/}, which the workers' SPARK_CONF_DIR
   * put there. No other cluster's executor carries it, whatever ports were reused.
   */
  public List<ProcessHandle> executors() {
    String conf = confDir().toString();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> {
      List<String> args = CommandLines.of(h.pid());
      String cp = CommandLines.valueOf(args, "-cp");
      return args.contains(EXECUTOR_CLASS) && cp != null
          && Arrays.stream(cp.split(File.pathSeparator)).anyMatch(e -> e.equals(conf) || e.equals(conf + File.separator));
    }).toList();
  }

  private void writeProperties(String url, int ui, Path home) throws IOException {
    Properties p = new Properties();
    p.setProperty("master_url", url);
    p.setProperty("master_web_ui_port", "" + ui);
    p.setProperty("spark_home", home.toString());
    StringWriter text = new StringWriter();
    p.store(text, "attnreg standalone cluster");
    PrivateFiles.write(workDir.resolve("cluster.properties"), text.toString());
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
}
