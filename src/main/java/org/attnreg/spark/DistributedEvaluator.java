package org.attnreg.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;
import org.attnreg.solver.RunnerEvaluator;
import org.attnreg.stats.Problem;

/**
 * Passes over the cached row blocks in Spark, each one aggregation run by a {@link SparkPassRunner}
 * with the same per-block kernels the {@link org.attnreg.solver.LocalEvaluator} uses.
 */
public final class DistributedEvaluator extends RunnerEvaluator {

  /**
   * @param blocks the cached row blocks
   * @param depth the aggregation tree depth (see {@link SparkPassRunner#depthFor})
   * @param jobPrefix prefix of every Spark job description, so the UI shows which solve it belongs to
   */
  public DistributedEvaluator(JavaSparkContext sc, JavaRDD<RowBlock> blocks, Problem problem, int depth,
      String jobPrefix) {
    super(problem, new SparkPassRunner<>(sc, blocks, depth, jobPrefix));
  }

  /** Passes at the depth {@link SparkPassRunner#depthFor} chooses for the blocks' partition count. */
  public static DistributedEvaluator over(JavaSparkContext sc, JavaRDD<RowBlock> blocks, Problem problem,
      String jobPrefix) {
    return new DistributedEvaluator(sc, blocks, problem, SparkPassRunner.depthFor(blocks.getNumPartitions()),
        jobPrefix);
  }
}
