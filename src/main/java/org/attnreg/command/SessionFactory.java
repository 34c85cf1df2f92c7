package org.attnreg.command;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.attnreg.spark.SparkSessions;

/**
 * Starts a command's Spark session, once every check that needs no data has passed. A command is
 * given its factory, so that a caller (a test) can see whether a session was asked for at all.
 */
@FunctionalInterface
public interface SessionFactory {
  /**
   * @param master the master asked for ({@code --master}), or null for the configured or an embedded one
   * @param settings further settings for a new context (e.g. a batch's FAIR pools)
   */
  SparkSession create(String appName, String master, Map<String, String> settings);

  default SparkSession create(String appName, String master) {
    return create(appName, master, Map.of());
  }

  /**
   * Spark's own sessions with this job's settings, without MLlib's SQL functions, which no command
   * calls (see {@link SparkSessions#createWithoutMlFunctions}).
   */
  static SessionFactory spark() {
    return SparkSessions::createWithoutMlFunctions;
  }
}
