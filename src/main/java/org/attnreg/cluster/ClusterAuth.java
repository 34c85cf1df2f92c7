package org.attnreg.cluster;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared secret of one cluster start and the two Spark properties files that carry it, both
 * mode 0600 in the work directory: {@code daemon.properties} for the master and workers (given
 * with {@code --properties-file}) and {@code driver.properties} for drivers
 * ({@code spark-submit --properties-file}, or the launchers' {@code attnreg.spark.properties}).
 * The secret is never put on a command line, where {@code ps} would show it to every local user.
 *
 * <p>A standalone cluster authenticates with one secret for all: the master and the workers check
 * it on every RPC connection, a worker hands it to the executors it launches through their
 * environment, and a driver without it cannot register an application.
 */
public final class ClusterAuth {
  static final String DAEMON_FILE = "daemon.properties";
  static final String DRIVER_FILE = "driver.properties";
  private static final int SECRET_BYTES = 32;

  private ClusterAuth() {}

  /** A fresh 256-bit secret, hex-encoded. */
  static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Settings every process of the cluster shares: authentication on, web UIs read-only. */
  static Map<String, String> common(String secret) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spark.authenticate", "true");
    p.put("spark.authenticate.secret", secret);
    // The web UIs have no login, so ACLs alone cannot tell users apart; what keeps them safe is that
    // they listen on 127.0.0.1 only and offer no actions (no kill links, no decommissioning).
    p.put("spark.acls.enable", "true");
    p.put("spark.admin.acls", System.getProperty("user.name"));
    p.put("spark.ui.killEnabled", "false");
    return p;
  }

  /** Writes the master's and workers' file. */
  static Path writeDaemon(Path workDir, String secret) {
    Map<String, String> daemon = common(secret);
    daemon.put("spark.master.ui.decommission.allow.mode", "DENY");
    daemon.put("spark.master.rest.enabled", "false"); // the REST submission server does not authenticate
    Path file = workDir.resolve(DAEMON_FILE);
    PrivateFiles.write(file, render(daemon, "the master's and workers' settings"));
    return file;
  }

  /** Writes the drivers' file once the master has told its URL; returns it. */
  static Path writeDriver(Path workDir, String secret, String masterUrl) {
    Map<String, String> driver = common(secret);
    driver.put("spark.master", masterUrl);
    driver.put("spark.driver.host", "127.0.0.1");
    driver.put("spark.driver.bindAddress", "127.0.0.1");
    Path file = workDir.resolve(DRIVER_FILE);
    PrivateFiles.write(file, render(driver, "settings for a driver of " + masterUrl
        + " (spark-submit --properties-file)"));
    return file;
  }

  /** Plain {@code key=value} lines (no escaping: keys are Spark's, values hex, URLs or names). */
  private static String render(Map<String, String> p, String what) {
    StringBuilder out = new StringBuilder("# attnreg standalone cluster: " + what + "; keep this file private\n");
    p.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.toString();
  }
}
