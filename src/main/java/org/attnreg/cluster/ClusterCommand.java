package org.attnreg.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attnreg cluster start|stop|status}: a local Spark standalone cluster for real-cluster runs. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"A Spark standalone master and workers as separate JVMs on 127.0.0.1.",
        "Logs, PID files, the authentication secret and work folders live under --work-dir (private, mode 700);",
        "stop ends exactly the processes start began."},
    subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
public final class ClusterCommand {
  /** Options every subcommand takes. */
  static class WorkDir {
    @Option(names = "--work-dir", paramLabel = "DIR",
        description = {"Folder of the cluster's logs, PID files, secret and worker folders (default: $ATTNREG_CLUSTER_DIR,",
            "else $XDG_STATE_HOME/attnreg/cluster, else ~/.local/state/attnreg/cluster)."})
    Path workDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    StandaloneCluster cluster() {
      return StandaloneCluster.in(workDir != null ? workDir : defaultWorkDir(System.getenv(),
          System.getProperty("user.home")));
    }

    int refuse(IllegalStateException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /**
   * Where a cluster lives unless {@code --work-dir} says: {@code $ATTNREG_CLUSTER_DIR}, else the
   * user's state folder ({@code $XDG_STATE_HOME}, else {@code ~/.local/state}) {@code /attnreg/cluster}.
   * The launchers in {@code jobs/} compute the same folder to find a cluster's driver settings.
   */
  static Path defaultWorkDir(Map<String, String> env, String home) {
    String explicit = env.get("ATTNREG_CLUSTER_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String state = env.get("XDG_STATE_HOME");
    Path base = state != null && state.startsWith("/") ? Path.of(state) : Path.of(home, ".local", "state");
    return base.resolve("attnreg").resolve("cluster");
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = {"Start a master and workers; prints the master URL on the last line.",
          "Uses the Spark distribution in $SPARK_HOME if set, else this project's dependency jars."})
  static final class Start extends WorkDir implements Callable<Integer> {
    @Option(names = "--workers", defaultValue = "2", description = "Worker JVMs (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--cores", defaultValue = "1", description = "Cores each worker offers (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--memory", defaultValue = "2g",
        description = "Memory each worker offers to executors (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--port", defaultValue = "0", description = "Master port; 0 picks a free one (default).")
    int port;

    @Option(names = "--spark-home", paramLabel = "DIR",
        description = "A Spark distribution (default: $SPARK_HOME, else a SPARK_HOME of symlinks to this project's jars).")
    Path sparkHome;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
        description = "Seconds to wait for the master and for each worker (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() {
      String env = System.getenv("SPARK_HOME");
      Path home = sparkHome != null ? sparkHome : env == null || env.isBlank() ? null : Path.of(env);
      StandaloneCluster.Settings settings = new StandaloneCluster.Settings(workers, cores, memory, port, home,
          SparkHome.jarsOf(System.getProperty("java.class.path")), Duration.ofSeconds(timeout));
      long start = System.nanoTime();
      StandaloneCluster cluster = cluster();
      String url;
      try {
        url = cluster.start(settings);
      } catch (IllegalStateException e) {
        return refuse(e);
      }
      out().printf("cluster up in %.1f s: %d workers × %d cores, %s each; logs in %s%n",
          (System.nanoTime() - start) * 1e-9, workers, cores, memory, cluster.workDir().resolve("logs"));
      out().println("drivers authenticate with " + cluster.driverProperties()
          + " (jobs/solve and jobs/submit use it for this master)");
      out().println(url);
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop the workers and the master this work directory's PID files name (only if still the same processes).")
  static final class Stop extends WorkDir implements Callable<Integer> {
    @Override
    public Integer call() {
      try {
        cluster().stop().forEach(out()::println);
        return 0;
      } catch (IllegalStateException e) {
        return refuse(e);
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Report the daemons; exit code 0 when the master and all workers run, 3 otherwise.")
  static final class Status extends WorkDir implements Callable<Integer> {
    @Override
    public Integer call() {
      StandaloneCluster cluster = cluster();
      try {
        cluster.status().forEach(out()::println);
        return cluster.running() ? 0 : 3;
      } catch (IllegalStateException e) {
        return refuse(e);
      }
    }
  }
}
