package org.attnreg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session built for a command or a library caller is given: loopback, no UI, a cluster's settings file. */
class SparkSessionsTest {
  @TempDir
  Path dir;

  @Test
  void aLibraryCallersSessionHasNoUiAndListensOnLoopbackOnly() {
    Map<String, String> s = SparkSessions.defaults(new Properties(), null);
    assertEquals("false", s.get("spark.ui.enabled"));
    assertEquals("127.0.0.1", s.get("spark.driver.host"));
    assertEquals("127.0.0.1", s.get("spark.driver.bindAddress"));
    assertFalse(s.containsKey("spark.authenticate"), "no cluster settings without a settings file");
    assertEquals("64m", s.get("spark.task.maxDirectResultSize"), "a local master's results come back directly");
    assertFalse(SparkSessions.defaults(new Properties(), "spark://127.0.0.1:7077")
        .containsKey("spark.task.maxDirectResultSize"), "a cluster keeps Spark's own limit");
  }

  @Test
  void aLocalMastersParallelismIsKnownBeforeItsSessionStarts() {
    Properties none = new Properties();
    assertEquals(OptionalInt.of(8), SparkSessions.localParallelism(none, null, 8), "the default: local[*]");
    assertEquals(OptionalInt.of(8), SparkSessions.localParallelism(none, "local[*]", 8));
    assertEquals(OptionalInt.of(3), SparkSessions.localParallelism(none, "local[3]", 8));
    assertEquals(OptionalInt.of(3), SparkSessions.localParallelism(none, "local[3,2]", 8));
    assertEquals(OptionalInt.of(1), SparkSessions.localParallelism(none, "local", 8));
    assertEquals(OptionalInt.empty(), SparkSessions.localParallelism(none, "spark://127.0.0.1:7077", 8));
    assertEquals(OptionalInt.empty(), SparkSessions.localParallelism(none, "local-cluster[2,1,1024]", 8));
    Properties system = new Properties();
    system.setProperty("spark.master", "local[5]");
    assertEquals(OptionalInt.of(5), SparkSessions.localParallelism(system, null, 8), "spark-submit's master");
    system.setProperty("spark.default.parallelism", "12");
    assertEquals(OptionalInt.of(12), SparkSessions.localParallelism(system, null, 8), "Spark's own setting first");
  }

  @Test
  void whatTheUserConfiguredIsNeverOverridden() {
    Properties system = new Properties();
    system.setProperty("spark.ui.enabled", "true");
    system.setProperty("spark.driver.host", "10.0.0.5");
    system.setProperty("spark.sql.shuffle.partitions", "64");
    Map<String, String> s = SparkSessions.defaults(system, null);
    assertFalse(s.containsKey("spark.ui.enabled"), s.toString());
    assertFalse(s.containsKey("spark.driver.host"), s.toString());
    assertFalse(s.containsKey("spark.sql.shuffle.partitions"), s.toString());
    assertEquals("127.0.0.1", s.get("spark.driver.bindAddress"));
  }

  @Test
  void aClustersSettingsFileGivesTheSecretForItsOwnMasterOnly() throws Exception {
    Path file = Files.writeString(dir.resolve("driver.properties"), """
        spark.authenticate=true
        spark.authenticate.secret=00ff
        spark.master=spark://127.0.0.1:7077
        attnreg.other=ignored
        """);
    Properties system = new Properties();
    system.setProperty(SparkSessions.PROPERTIES_FILE, file.toString());
    Map<String, String> s = SparkSessions.defaults(system, "spark://127.0.0.1:7077");
    assertEquals("true", s.get("spark.authenticate"));
    assertEquals("00ff", s.get("spark.authenticate.secret"));
    assertFalse(s.containsKey("spark.master"), "the master stays the one asked for");
    assertFalse(s.containsKey("attnreg.other"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkSessions.defaults(system, "spark://127.0.0.1:9999"));
    assertTrue(e.getMessage().contains("spark://127.0.0.1:7077") && e.getMessage().contains("9999"), e.getMessage());

    system.setProperty(SparkSessions.PROPERTIES_FILE, dir.resolve("missing").toString());
    e = assertThrows(IllegalArgumentException.class, () -> SparkSessions.defaults(system, null));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void theCommandsSessionsLookUpEverySessionExtensionButMllibs() throws Exception {
    ClassLoader app = getClass().getClassLoader();
    List<URL> all = Collections.list(app.getResources(SparkSessions.WithoutMlExtension.SERVICE));
    assertTrue(all.stream().anyMatch(u -> u.toString().contains("spark-mllib")), "MLlib offers one: " + all);
    List<URL> seen = Collections.list(new SparkSessions.WithoutMlExtension(app)
        .getResources(SparkSessions.WithoutMlExtension.SERVICE));
    assertTrue(seen.stream().noneMatch(u -> u.toString().contains("spark-mllib")), seen.toString());
    assertEquals(all.size() - 1, seen.size(), "only MLlib's is dropped: " + all + " vs " + seen);
    assertEquals(Collections.list(app.getResources("META-INF/MANIFEST.MF")).size(),
        Collections.list(new SparkSessions.WithoutMlExtension(app).getResources("META-INF/MANIFEST.MF")).size(),
        "every other resource is found as before");
  }

  @Test
  void theChecksBeforeSparkSeeTheHadoopSettingsSparkWouldCopy() {
    Properties system = new Properties();
    system.setProperty("spark.hadoop.fs.defaultFS", "file:///");
    system.setProperty("spark.hadoop.attnreg.test.key", "from-spark-conf");
    system.setProperty("attnreg.test.other", "not-hadoop");
    org.apache.hadoop.conf.Configuration conf = SparkSessions.hadoopConfiguration(system, null);
    assertEquals("from-spark-conf", conf.get("attnreg.test.key"));
    assertEquals("file:///", conf.get("fs.defaultFS"));
    assertEquals(null, conf.get("attnreg.test.other"));
  }
}
