package org.attnreg.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.InputFormat;
import org.attnreg.job.GenerateJob;
import org.attnreg.job.PlantedInstance;
import org.attnreg.output.Checkpoint;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real standalone cluster (master + 2 workers as separate JVMs, ports chosen free), one for the
 * whole class, stopped in {@link #stopEverything}. Each solve's driver is a separate
 * {@code SparkSubmit} JVM running an application jar of {@code target/classes}, as a user's
 * spark-submit would; its results are compared with an in-process local-mode solve.
 *
 * <p>The cluster authenticates: drivers get its secret from {@code driver.properties}
 * ({@code --properties-file}), and a driver without it, started beside the others, is refused.
 */
@Tag("cluster")
@ExtendWith(SharedSpark.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterStandaloneTest {
  private static final Duration SOLVE_TIMEOUT = Duration.ofSeconds(300);

  static Path dir;
  static StandaloneCluster cluster;
  static String master;
  static Path appJar;
  static Path data;
  static double[] localX;
  static final List<Process> drivers = new ArrayList<>();
  static Process unauthenticated;

  @BeforeAll
  static void startClusterAndSolveLocally(SparkSession spark) throws Exception {
    // under target/ (not a JUnit temp dir): the logs stay for inspection and the symlinks are not warned about
    dir = Path.of("target", "cluster-test").toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    cluster = StandaloneCluster.in(dir.resolve("cluster"));
    long t0 = System.nanoTime();
    master = cluster.start(new StandaloneCluster.Settings(2, 1, "1g", 0, null,
        SparkHome.jarsOf(System.getProperty("java.class.path")), Duration.ofSeconds(120)));
    System.err.printf("cluster up in %.1f s at %s%n", (System.nanoTime() - t0) * 1e-9, master);
    data = dir.resolve("data");
    GenerateJob.run(spark, new PlantedInstance("softmax", 40_000, 10, 21L, 0.01, 1.0, 1.0, 0), InputFormat.CSV, 2,
        data.toString());
    StringBuilder far = new StringBuilder();
    for (int j = 0; j < 10; j++) {
      far.append(j % 2 == 0 ? 5.0 : -5.0).append('\n');
    }
    Files.writeString(dir.resolve("far.csv"), far.toString());
    appJar = jarOf(Path.of(GenerateJob.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
        dir.resolve("attnreg-test-app.jar"));
    // Giving up takes the driver about a minute of registration retries: it runs beside the other tests.
    unauthenticated = submit("unauthenticated", false, solveArgs(dir.resolve("unauthenticated"), false));
    CliRun local = CliRun.of(solveArgs(dir.resolve("local"), true));
    assertEquals(0, local.code(), local.toString());
    localX = CliRun.vector(dir.resolve("local/x.csv"));
  }

  @AfterAll
  static void stopEverything() {
    drivers.forEach(p -> p.destroyForcibly());
    if (cluster != null) {
      cluster.stop().forEach(System.err::println);
      assertFalse(cluster.running(), "the cluster must be down");
      assertTrue(cluster.executors().isEmpty(), "no executor may outlive the cluster");
    }
  }

  /** A solve from a far start (several damped steps, so that there is time to interfere), 2 partitions. */
  static String[] solveArgs(Path out, boolean withX0, String... more) {
    List<String> args = new ArrayList<>(List.of("solve", "--family", "softmax", "--input", data.toString(), "--out",
        out.toString(), "--partitions", "2", "--tol", "1e-12"));
    if (withX0) {
      args.addAll(List.of("--x0", dir.resolve("far.csv").toString()));
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Starts a driver JVM with the cluster's settings file: SparkSubmit with the application jar, client mode. */
  static Process submit(String name, String... appArgs) throws IOException {
    return submit(name, true, appArgs);
  }

  static Process submit(String name, boolean withSecret, String... appArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(StandaloneCluster.jvmFlags());
    cmd.addAll(List.of("-Xmx1g", "-cp", String.join(":", SparkHome.jarsOf(System.getProperty("java.class.path"))
        .stream().map(Path::toString).toList()), "org.apache.spark.deploy.SparkSubmit", "--master", master,
        "--class", "org.attnreg.cli.Main", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=768m", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
        "--conf", "spark.locality.wait=0"));
    if (withSecret) {
      cmd.addAll(List.of("--properties-file", cluster.driverProperties().toString()));
    }
    cmd.add(appJar.toString());
    cmd.addAll(List.of(appArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    drivers.add(p);
    return p;
  }

  static int await(Process p, String name) throws Exception {
    assertTrue(p.waitFor(SOLVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS), name + " did not finish in time; log: "
        + dir.resolve(name + ".log"));
    return p.exitValue();
  }

  static String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"));
  }

  /** Waits until the driver has checkpointed iterate {@code k} or later. */
  static void awaitCheckpoint(Path out, int k, Process driver) {
    ObjectMapper json = new ObjectMapper();
    boolean reached = StandaloneCluster.waitFor(() -> {
      try {
        return !driver.isAlive()
            || Files.exists(out.resolve(Checkpoint.FILE))
            && json.readTree(out.resolve(Checkpoint.FILE).toFile()).get("iteration").asInt() >= k;
      } catch (IOException e) {
        return false; // replaced while being read
      }
    }, SOLVE_TIMEOUT);
    assertTrue(reached && driver.isAlive(), "the driver should still be solving after checkpoint " + k);
    assertFalse(Files.exists(out.resolve("summary.json")), "the solve must not have finished yet");
  }

  @Test
  @Order(1)
  void aSubmittedSolveMatchesLocalModeEvenWithAnExecutorKilledMidSolve() throws Exception {
    long t0 = System.nanoTime();
    Path out = dir.resolve("executor-killed");
    Process driver = submit("executor-killed", solveArgs(out, true));
    awaitCheckpoint(out, 1, driver);
    System.err.printf("submit to first checkpoint: %.1f s%n", (System.nanoTime() - t0) * 1e-9);
    List<ProcessHandle> executors = cluster.executors();
    assertEquals(2, executors.size(), "one executor per worker");
    List<Long> pids = new ArrayList<>(List.of(cluster.master().pid()));
    cluster.workers().forEach(w -> pids.add(w.pid()));
    executors.forEach(e -> pids.add(e.pid()));
    for (long pid : pids) {
      List<ListeningSockets.Socket> sockets = ListeningSockets.of(pid);
      System.err.println("pid " + pid + " listens on " + sockets);
      assertFalse(sockets.isEmpty(), "pid " + pid + " should listen somewhere");
      assertTrue(sockets.stream().allMatch(a -> a.address().isLoopbackAddress()), pid + " listens on " + sockets);
    }
    executors.get(0).destroyForcibly();
    assertEquals(0, await(driver, "executor-killed"), log("executor-killed"));
    System.err.printf("submit to converged solve: %.1f s%n", (System.nanoTime() - t0) * 1e-9);
    assertTrue(log("executor-killed").contains("Lost executor") || log("executor-killed").contains("ExecutorLost"),
        "the driver saw the executor go");
    double[] x = CliRun.vector(out.resolve("x.csv"));
    assertTrue(CliRun.relativeDistance(x, localX) <= 1e-10, "cluster vs local: " + CliRun.relativeDistance(x, localX));
    System.err.println("cluster x equals local x bit for bit: " + java.util.Arrays.equals(x, localX));
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"spark_master\" : \"" + master + "\""), summary);
    try (Stream<Path> files = Files.walk(dir.resolve("cluster"))) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("attnreg-test-app.jar")),
          "the executors fetched the application jar into their work folders");
    }
  }

  @Test
  @Order(2)
  void aKilledDriverResumesFromItsCheckpointToTheUninterruptedResult() throws Exception {
    Path out = dir.resolve("driver-killed");
    Process driver = submit("driver-killed", solveArgs(out, true));
    awaitCheckpoint(out, 2, driver);
    driver.destroyForcibly().waitFor();
    Process resumed = submit("resumed", solveArgs(out, false, "--resume"));
    assertEquals(0, await(resumed, "resumed"), log("resumed"));
    double[] x = CliRun.vector(out.resolve("x.csv"));
    assertTrue(CliRun.relativeDistance(x, localX) <= 1e-10, "resumed vs local: " + CliRun.relativeDistance(x, localX));
    Path uninterrupted = dir.resolve("executor-killed/x.csv");
    if (Files.exists(uninterrupted)) { // the driver of that solve ran throughout
      assertArrayEquals(CliRun.vector(uninterrupted), x, 0.0, "resumed vs uninterrupted on the cluster, bit for bit");
    }
    assertTrue(new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("resumed_from_iteration").asInt()
        >= 2);
  }

  @Test
  @Order(3)
  void aDriverWithoutTheSecretIsRefused() throws Exception {
    int code = await(unauthenticated, "unauthenticated");
    String log = log("unauthenticated");
    assertTrue(code != 0, "the unauthenticated solve must fail; log:\n" + log);
    assertFalse(Files.exists(dir.resolve("unauthenticated/summary.json")), "it computed nothing");
    assertTrue(log.contains("All masters are unresponsive"), "it could never register with the master:\n" + log);
    assertTrue(log.contains("Expected SaslMessage"), "the master refused it for not authenticating:\n" + log);
    String masterLog = Files.readString(cluster.master().log());
    long registered = masterLog.lines().filter(l -> l.contains("Registered app")).count();
    assertEquals(drivers.size() - 1, registered, "only the authenticated applications registered:\n" + masterLog);
  }

  @Test
  @Order(4)
  void theClustersFilesAreOpenToItsOwnerOnly() throws Exception {
    Path work = cluster.workDir();
    assertEquals("rwx------", ClusterFilesTest.mode(work));
    assertEquals("rw-------", ClusterFilesTest.mode(work.resolve(ClusterAuth.DAEMON_FILE)));
    assertEquals("rw-------", ClusterFilesTest.mode(cluster.driverProperties()));
    List<String> open = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> all = Files.walk(work)) {
      for (Path f : all.filter(f -> !Files.isSymbolicLink(f)).toList()) {
        checked++;
        String mode = ClusterFilesTest.mode(f);
        // Spark marks the jars an executor fetches executable for all (chmod a+x), which lets no one
        // else read them; everything else, and every folder on the way, is the owner's alone.
        boolean ownerOnly = Files.isDirectory(f) ? mode.equals("rwx------") : mode.matches("rw[-x][-][-][-x][-][-][-x]");
        if (!ownerOnly) {
          open.add(mode + " " + work.relativize(f));
        }
      }
    }
    System.err.println("checked the modes of " + checked + " files and folders in " + work);
    assertTrue(checked > 20, "logs, pids, settings and the executors' folders: " + checked);
    assertTrue(open.isEmpty(), "open to others: " + open);
    java.util.Properties settings = new java.util.Properties();
    try (var in = Files.newBufferedReader(cluster.driverProperties())) {
      settings.load(in);
    }
    String secret = settings.getProperty("spark.authenticate.secret");
    assertTrue(secret.matches("[0-9a-f]{64}"));
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      assertFalse(String.join(" ", CommandLines.of(p.pid())).contains(secret),
          "the secret must not be on any command line (pid " + p.pid() + ")");
    }
  }

  /** A jar of the compiled classes and resources, as the build's application jar holds them. */
  static Path jarOf(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
        Stream<Path> all = Files.walk(classes)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
