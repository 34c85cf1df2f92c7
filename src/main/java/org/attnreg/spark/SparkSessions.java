package org.attnreg.spark;

import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every entry point uses, with the settings this job relies on.
 *
 * <p>Secure by default, whoever calls it (the commands, the estimator's users, a library caller):
 * the driver listens on 127.0.0.1 only and the web UI is off, unless the user configured otherwise
 * (a system property such as {@code -Dspark.ui.enabled=true}, which is also how
 * {@code spark-submit --conf} arrives). A Spark properties file named by the system property
 * {@value #PROPERTIES_FILE} (the launchers in {@code jobs/} pass the {@code driver.properties} of
 * a cluster that {@code jobs/cluster} started) adds its settings, among them the cluster's
 * authentication secret, which thus never appears on a command line.
 */
public final class SparkSessions {
  /** System property naming a Spark properties file whose settings a new session takes. */
  public static final String PROPERTIES_FILE = "attnreg.spark.properties";

  private SparkSessions() {}

  /**
   * A session on {@code master}, or on an embedded {@code local[*]} when master is null and none is
   * configured (so that {@code spark-submit --master …} keeps its own choice).
   */
  public static SparkSession create(String appName, String master) {
    return create(appName, master, Map.of());
  }

  /** As {@link #create(String, String)}, with further settings (e.g. {@code spark.scheduler.mode}) for a new context. */
  public static SparkSession create(String appName, String master, Map<String, String> settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    defaults(System.getProperties(), master).forEach(builder::config);
    settings.forEach(builder::config);
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    SparkSession session = builder.getOrCreate();
    if (session.sparkContext().master().startsWith("spark://")) {
      awaitRegistration(session.sparkContext(), REGISTRATION_WAIT);
    }
    return session;
  }

  /** How long a standalone driver waits for its first executor before it goes on regardless. */
  static final Duration REGISTRATION_WAIT = Duration.ofSeconds(120);

  /**
   * The default parallelism a session from {@link #create} on {@code master} will have when its
   * master is local ({@code local}, {@code local[N]}, {@code local[*]}, with or without a retry
   * count), as Spark sets it: {@code spark.default.parallelism} if given, else the master's cores;
   * empty for any other master. A session that already runs keeps its own master, so callers
   * compare with the session once it is up.
   */
  public static OptionalInt localParallelism(String master) {
    return localParallelism(System.getProperties(), master, Runtime.getRuntime().availableProcessors());
  }

  static OptionalInt localParallelism(Properties system, String master, int processors) {
    String used = master != null ? master : system.getProperty("spark.master", "local[*]");
    Matcher m = LOCAL_MASTER.matcher(used.trim());
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    String configured = defaults(system, master).get("spark.default.parallelism");
    if (configured == null) {
      configured = system.getProperty("spark.default.parallelism");
    }
    try {
      if (configured != null) {
        return OptionalInt.of(Integer.parseInt(configured.trim()));
      }
      String cores = m.group(1);
      return OptionalInt.of(cores == null ? 1 : cores.equals("*") ? processors : Integer.parseInt(cores));
    } catch (NumberFormatException e) {
      return OptionalInt.empty(); // Spark will say what is wrong with it
    }
  }

  /** {@code local}, {@code local[N]}, {@code local[*]}, each also with {@code ,F} retries. */
  private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?");

  /**
   * Waits until a standalone master has given the application an executor, or has refused it. A
   * refused application (a missing or wrong authentication secret, say) has its context stopped by
   * Spark after about a minute of retries; a job started meanwhile can hang for ever inside the
   * stopping context, so the driver waits here, outside Spark's code, and reports the refusal.
   *
   * @throws IllegalStateException when the context stopped before any executor came
   */
  static void awaitRegistration(SparkContext sc, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (sc.isStopped()) {
        throw new IllegalStateException("the Spark master " + sc.master() + " did not accept this application and its"
            + " context stopped (the log above says why: e.g. a missing or wrong spark.authenticate.secret)");
      }
      if (sc.statusTracker().getExecutorInfos().length > 1) { // the driver is listed too
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * As {@link #create(String, String, Map)}, but a new session goes without the SQL functions that
   * MLlib registers in every session it builds ({@code vector_to_array}, {@code array_to_vector} and
   * {@code aggregate_metrics}, which the ML pipeline API calls by name): registering them derives
   * Scala type tags through scala-reflect, which costs as much as starting the Spark context itself.
   * The commands, which read and solve through RDDs and never call those functions, use this one.
   * Any other session extension on the class path is still loaded.
   */
  public static SparkSession createWithoutMlFunctions(String appName, String master, Map<String, String> settings) {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    // Spark finds the extensions with a ServiceLoader over the thread's context class loader.
    thread.setContextClassLoader(new WithoutMlExtension(own != null ? own : SparkSessions.class.getClassLoader()));
    try {
      return create(appName, master, settings);
    } finally {
      thread.setContextClassLoader(own);
    }
  }

  /** Loads everything its parent loads, except that MLlib's session-extension service file is not found. */
  static final class WithoutMlExtension extends ClassLoader {
    static final String SERVICE = "META-INF/services/org.apache.spark.sql.SparkSessionExtensionsProvider";
    private static final String ML_EXTENSION = "org/apache/spark/sql/ml/InternalFunctionRegistration.class";

    WithoutMlExtension(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Enumeration<URL> all = super.getResources(name);
      URL ml = getParent().getResource(ML_EXTENSION);
      if (!name.equals(SERVICE) || ml == null) {
        return all;
      }
      String mlJar = ml.toString().substring(0, ml.toString().length() - ML_EXTENSION.length());
      List<URL> kept = Collections.list(all).stream().filter(u -> !u.toString().startsWith(mlJar)).toList();
      return Collections.enumeration(kept);
    }
  }

  /**
   * The Hadoop configuration a session on {@code master} would have, without starting it: the
   * class path's ({@code core-site.xml}, …) plus every {@code spark.hadoop.*} setting of the system
   * properties and of the {@value #PROPERTIES_FILE} file, as Spark copies them. The commands check
   * their paths with it before Spark starts.
   *
   * @throws IllegalArgumentException as {@link #defaults} does
   */
  public static Configuration hadoopConfiguration(String master) {
    return hadoopConfiguration(System.getProperties(), master);
  }

  static Configuration hadoopConfiguration(Properties system, String master) {
    Map<String, String> spark = new LinkedHashMap<>(defaults(system, master));
    system.stringPropertyNames().forEach(k -> spark.put(k, system.getProperty(k)));
    Configuration conf = new Configuration();
    spark.forEach((k, v) -> {
      if (k.startsWith(HADOOP_PREFIX)) {
        conf.set(k.substring(HADOOP_PREFIX.length()), v);
      }
    });
    return conf;
  }

  private static final String HADOOP_PREFIX = "spark.hadoop.";

  /**
   * The settings a new session gets from this class: those of the {@value #PROPERTIES_FILE} file,
   * then loopback addresses, the UI off and the job's own tuning; none of them overrides a setting
   * the user gave in {@code system}.
   *
   * @param system the JVM's system properties (where Spark reads {@code spark.*} settings from)
   * @param master the master asked for, or null
   * @throws IllegalArgumentException when the properties file cannot be read, or belongs to
   *     another master than the one in use
   */
  static Map<String, String> defaults(Properties system, String master) {
    Map<String, String> out = new LinkedHashMap<>();
    String file = system.getProperty(PROPERTIES_FILE);
    if (file != null && !file.isBlank()) {
      Properties fromFile = read(Path.of(file));
      String own = fromFile.getProperty("spark.master");
      String used = master != null ? master : system.getProperty("spark.master");
      if (own != null && used != null && !own.equals(used)) {
        throw new IllegalArgumentException(file + " (" + PROPERTIES_FILE + ") holds the settings of " + own
            + ", not of " + used + "; unset " + PROPERTIES_FILE + " or use that master");
      }
      fromFile.stringPropertyNames().stream().filter(k -> k.startsWith("spark.") && !k.equals("spark.master"))
          .sorted().forEach(k -> out.put(k, fromFile.getProperty(k)));
    }
    // The driver answers only on loopback, and its UI (which would bind every interface unless
    // SPARK_LOCAL_IP says otherwise) stays off, unless the user configures otherwise.
    out.putIfAbsent("spark.driver.host", "127.0.0.1");
    out.putIfAbsent("spark.driver.bindAddress", "127.0.0.1");
    out.putIfAbsent("spark.ui.enabled", "false");
    out.put("spark.ui.showConsoleProgress", "false");
    out.put("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    out.put("spark.sql.shuffle.partitions", "8");
    String used = master != null ? master : system.getProperty("spark.master");
    if (used == null || used.startsWith("local")) {
      // On a local master a task's result stays in this JVM: results above Spark's 1 MB default
      // would take a round through the block manager, which doubled the collection of a small
      // input's blocks for driver passes (DriverPasses collects at most 64 MiB).
      out.putIfAbsent("spark.task.maxDirectResultSize", "64m");
    }
    out.keySet().removeIf(k -> system.getProperty(k) != null);
    return out;
  }

  private static Properties read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the Spark settings file " + file + " (" + PROPERTIES_FILE + "): "
          + e.getMessage(), e);
    }
  }
}
