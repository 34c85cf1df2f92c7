package org.attnreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attnreg.Main;
import org.attnreg.command.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch with parallel instances in a JVM of its own (the pools are set when the SparkContext starts,
 * which the shared test session has done long before): Spark does not warn about the instances'
 * FAIR pools, and its other warnings still reach the log.
 */
class BatchPoolsTest {
  @TempDir
  Path dir;

  @Test
  void poolsAreDeclaredSoSparkDoesNotWarnAboutThem() throws IOException, InterruptedException {
    for (String name : List.of("a", "b")) {
      Files.writeString(dir.resolve(name + ".csv"), "0.5,1,2\n0.25,2,1\n0.75,1,1\n0.4,0,1\n");
    }
    Path manifest = dir.resolve("batch.json");
    Files.writeString(manifest, "[{\"name\": \"a\", \"input\": \"" + dir.resolve("a.csv") + "\", \"out\": \""
        + dir.resolve("out-a") + "\", \"options\": {\"max-iter\": 1}},"
        + " {\"name\": \"b\", \"input\": \"" + dir.resolve("b.csv") + "\", \"out\": \"" + dir.resolve("out-b")
        + "\", \"options\": {\"max-iter\": 1}}]");
    Path log4j = dir.resolve("log4j2.properties");
    Files.writeString(log4j, String.join("\n", "rootLogger.level = warn", "rootLogger.appenderRef.e.ref = e",
        "appender.e.type = Console", "appender.e.name = e", "appender.e.target = SYSTEM_ERR",
        "appender.e.layout.type = PatternLayout", "appender.e.layout.pattern = %p %c{1}: %m%n",
        // a warning this run is sure to log, to show that warnings are not hidden
        "logger.probe.name = org.apache.spark.SparkContext", "logger.probe.level = info"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.asList(Files.readString(Path.of("target/classes/attnreg-jvm.flags")).trim().split("\\s+")));
    command.addAll(List.of("-Xmx1g", "-Djava.io.tmpdir=" + dir, "-Dlog4j2.configurationFile=" + log4j,
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "batch", manifest.toString(), "--out", dir.resolve("batch-out").toString(), "--parallel", "2"));
    Path err = dir.resolve("stderr");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(dir.resolve("stdout").toFile())
        .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the batch ended");
    String log = Files.readString(err);
    assertEquals(ExitCode.NOT_CONVERGED, p.exitValue(), "one Newton step each: " + log);
    assertTrue(Files.readString(dir.resolve("stdout")).contains("a ") && log.contains("INFO SparkContext: "),
        "the run logged at the levels asked for: " + log);
    assertFalse(log.contains("FairSchedulableBuilder"), log);
    try (var left = Files.list(dir)) {
      assertFalse(left.anyMatch(f -> f.getFileName().toString().startsWith("attnreg-pools-")),
          "the allocation file is removed once the context has read it");
    }
  }

  @Test
  void allocationFileDeclaresEachPoolWithSparksDefaults() {
    String xml = FairPools.xml(List.of("a", "b-2"));
    assertTrue(xml.contains("<pool name=\"a\"><schedulingMode>FIFO</schedulingMode><weight>1</weight>"
        + "<minShare>0</minShare></pool>") && xml.contains("<pool name=\"b-2\">"), xml);
  }
}
