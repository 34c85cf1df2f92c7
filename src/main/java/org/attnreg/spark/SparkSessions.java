package org.attnreg.spark;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
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
    return builder.getOrCreate();
  }

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
