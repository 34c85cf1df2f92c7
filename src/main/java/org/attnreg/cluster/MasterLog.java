package org.attnreg.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a standalone master says about itself in its log: the URL and web UI port it actually
 * bound (Spark moves to the next port when the one asked for is taken), and bind failures.
 */
final class MasterLog {
  private static final Pattern URL = Pattern.compile("Starting Spark master at (spark://[^\\s]+)");
  private static final Pattern UI_PORT = Pattern.compile("Successfully started service 'MasterUI' on port (\\d+)");
  private static final Pattern PORT = Pattern.compile("spark://[^/:]+:(\\d+)");
  private static final Pattern BIND = Pattern.compile(
      "(Service '[^']+' could not bind on port \\d+|java\\.net\\.BindException: [^\\n]*|Address already in use)");

  private MasterLog() {}

  /** The master URL from the lines of one start; throws when the master has not logged it. */
  static String url(String log) {
    Matcher m = URL.matcher(log);
    if (!m.find()) {
      throw new IllegalStateException("the master did not log its URL (\"Starting Spark master at …\")");
    }
    return m.group(1);
  }

  /** The port of a {@code spark://host:port} URL. */
  static int port(String url) {
    Matcher m = PORT.matcher(url);
    if (!m.matches()) {
      throw new IllegalStateException("not a spark://host:port URL: " + url);
    }
    return Integer.parseInt(m.group(1));
  }

  /** The master's web UI port, or -1 if it has not logged one. */
  static int uiPort(String log) {
    Matcher m = UI_PORT.matcher(log);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The first sign of a port conflict in the log, or null. */
  static String bindFailure(String log) {
    Matcher m = BIND.matcher(log);
    return m.find() ? m.group(1).trim() : null;
  }
}
