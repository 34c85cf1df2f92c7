package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.DataLoader;
import org.attnreg.io.InputFormat;
import org.attnreg.io.LoadedData;
import org.attnreg.io.ReadOptions;
import org.attnreg.spark.DriverPasses;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long solves keep a short lineage: every pass is one stage over the cached blocks, with the same
 * number of RDDs at the last iteration as at the first (the point is broadcast, nothing is derived
 * from the previous iteration), and the cached RDD itself is unchanged.
 */
@ExtendWith(SharedSpark.class)
class LineageTest {
  @TempDir
  Path dir;

  @Test
  void everyPassHasTheSameShortLineageWhateverTheIteration(SparkSession spark) throws Exception {
    String data = dir.resolve("data").toString();
    GenerateJob.run(spark, new PlantedInstance("softmax", 4_000, 6, 9L, 0.0, 1.0, 1.0, 0), InputFormat.CSV, 2, data);
    LoadedData loaded = DataLoader.load(spark, data, TestReadOptions.defaults().withFormat(InputFormat.CSV)
        .withPartitions(2).build());
    String lineageBefore = loaded.blocks().rdd().toDebugString();
    String prefix = "lineage-" + System.nanoTime() + " ";
    Map<String, Integer> rddsPerStage = new ConcurrentHashMap<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onStageSubmitted(SparkListenerStageSubmitted e) {
        String description = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
        if (description != null && description.startsWith(prefix)) {
          rddsPerStage.merge(description.substring(prefix.length()) + " / stage " + e.stageInfo().stageId(),
              e.stageInfo().rddInfos().size(), Math::max);
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      double[] far = {5, -5, 5, -5, 5, -5};
      SolveJob.Outcome outcome = SolveJob.run(spark, loaded,
          SolveRequest.of(SolveOptions.defaults("softmax")).withStart(far).withJobPrefix(prefix)
              .withPasses(DriverPasses.Mode.NEVER)); // the stages of Spark passes are under test
      int iterations = outcome.result().iterations();
      assertTrue(iterations >= 5, "want a long solve, got " + iterations + " iterations");
      spark.sparkContext().listenerBus().waitUntilEmpty();
      // a derivative pass of its own is "iteration k: derivative pass"; a fused one is a value pass
      List<Integer> derivative = counts(rddsPerStage, ": derivative pass");
      List<Integer> value = counts(rddsPerStage, ": value pass");
      assertEquals(outcome.result().derivativePasses(), derivative.size(), rddsPerStage.toString());
      assertEquals(outcome.result().valuePasses(), value.size(), rddsPerStage.toString());
      assertTrue(derivative.size() + value.size() <= 2 * iterations + 1, "passes: " + rddsPerStage);
      assertEquals(1, derivative.stream().distinct().count(), "RDDs per derivative stage: " + derivative);
      assertEquals(1, value.stream().distinct().count(), "RDDs per value stage: " + value);
      assertEquals(lineageBefore, loaded.blocks().rdd().toDebugString(), "the cached RDD's lineage is unchanged");
      assertTrue(lineageBefore.split("\n").length <= 8, lineageBefore);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
      loaded.unpersist();
    }
  }

  private static List<Integer> counts(Map<String, Integer> stages, String pass) {
    return stages.entrySet().stream().filter(e -> e.getKey().contains(pass)).map(Map.Entry::getValue).toList();
  }
}
