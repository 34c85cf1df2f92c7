package org.attnreg.spark;

import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every entry point uses, with the settings this job relies on. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session on {@code master}, or on an embedded {@code local[*]} when master is null and none is
   * configured (so that {@code spark-submit --master …} keeps its own choice).
   */
  public static SparkSession create(String appName, String master) {
    return create(appName, master, java.util.Map.of());
  }

  /** As {@link #create(String, String)}, with further settings (e.g. {@code spark.scheduler.mode}) for a new context. */
  public static SparkSession create(String appName, String master, java.util.Map<String, String> settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName)
        // The driver answers only on loopback unless the user configures otherwise.
        .config("spark.driver.host", System.getProperty("spark.driver.host", "127.0.0.1"))
        .config("spark.driver.bindAddress", System.getProperty("spark.driver.bindAddress", "127.0.0.1"))
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
        .config("spark.sql.shuffle.partitions", "8");
    settings.forEach(builder::config);
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }
}
