package org.attnreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.attnreg.job.BatchManifest;
import org.junit.jupiter.api.Test;

/** How an isolated instance's JVM is started and how its end becomes a row of batch.csv. */
class ChildSolveTest {
  private static final BatchManifest.Instance INSTANCE = new BatchManifest.Instance("a", "/nowhere/out-a",
      List.of("solve", "--family", "softmax", "--input", "/nowhere/in", "--out", "/nowhere/out-a"), "768m", List.of());

  @Test
  void theChildRunsSolveWithTheProjectsFlagsAndTheInstancesHeap() {
    List<String> cmd = ChildSolve.command(INSTANCE, "spark://127.0.0.1:7077", ChildSolve.heap(INSTANCE));
    assertTrue(cmd.get(0).endsWith("/bin/java"), cmd.toString());
    assertTrue(cmd.containsAll(ChildSolve.jvmFlags()), cmd.toString());
    assertTrue(ChildSolve.jvmFlags().stream().anyMatch(f -> f.startsWith("--add-opens=java.base/java.nio")),
        "the Java 17 flags Spark needs: " + ChildSolve.jvmFlags());
    assertTrue(cmd.contains("-Xmx768m"), cmd.toString());
    int main = cmd.indexOf(Main.class.getName());
    assertEquals(INSTANCE.solveArgs(), cmd.subList(main + 1, main + 1 + INSTANCE.solveArgs().size()));
    assertEquals("--master=spark://127.0.0.1:7077", cmd.get(cmd.size() - 1));
    assertTrue(!cmd.contains("-cp"), "the class path goes in the environment: " + cmd);
  }

  @Test
  void anEndWithoutResultsIsRecordedWithItsReason() {
    Configuration conf = new Configuration();
    BatchCommand.Row killed = ChildSolve.row(INSTANCE, 137, "attnreg solve: family softmax\n", conf);
    assertEquals("killed", killed.status());
    assertTrue(killed.error().contains("signal 9"), killed.error());
    BatchCommand.Row executor = ChildSolve.row(INSTANCE, 52, "ERROR Executor: Exception in task 0.0\n"
        + "java.lang.OutOfMemoryError: Java heap space\n\tat org.attnreg.linalg.GramScratch.first\n", conf);
    assertEquals("out_of_memory", executor.status());
    assertTrue(executor.error().contains("exit 52") && executor.error().contains("Java heap space"), executor.error());
    BatchCommand.Row usage = ChildSolve.row(INSTANCE, 2, "log line\nerror: --tol: must be finite and > 0, got -1.0\n",
        conf);
    assertEquals("bad_options", usage.status());
    assertEquals("--tol: must be finite and > 0, got -1.0", usage.error());
    // exit 0 but no summary.json to show for it: not a result
    assertEquals("failed", ChildSolve.row(INSTANCE, 0, "", conf).status());
  }
}
