package org.attnreg.analysis.sensitivity;

import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;
import org.attnreg.solver.Evaluator;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.spark.SparkPassRunner;
import org.attnreg.stats.Problem;

/**
 * Block pairs in Spark. Passes over A use the cached blocks themselves; {@code A + tE} is formed on
 * the fly in every pass ({@code O(nnz)} per pass, less than the pass's own {@code O(nnz·d)} Gram)
 * instead of caching a second copy of the data.
 */
public final class SparkPerturbedData extends PerturbedData {
  private final JavaSparkContext sc;
  private final JavaRDD<RowBlock> blocks;
  private final JavaRDD<BlockPair> pairs;

  /**
   * @param blocks the cached blocks of A
   * @param pairs the same rows paired with E (random: generated on the fly; file: cached)
   */
  public SparkPerturbedData(JavaSparkContext sc, JavaRDD<RowBlock> blocks, JavaRDD<BlockPair> pairs, Problem problem) {
    super(problem, SparkPassRunner.over(sc, pairs, ""));
    this.sc = sc;
    this.blocks = blocks;
    this.pairs = pairs;
  }

  /** A's cached blocks paired with the random direction of {@link RandomPerturbation} for {@code seed}. */
  public static JavaRDD<BlockPair> randomPairs(JavaRDD<RowBlock> blocks, long seed) {
    return blocks.map(a -> new BlockPair(a, RandomPerturbation.block(a, seed)));
  }

  @Override
  public Evaluator original() {
    return DistributedEvaluator.over(sc, blocks, problem(), "sensitivity at A: ");
  }

  @Override
  public Evaluator perturbed(double t) {
    JavaRDD<RowBlock> moved = pairs.map(p -> p.perturbed(t));
    return DistributedEvaluator.over(sc, moved, problem(), String.format(Locale.ROOT, "sensitivity at A + %.3g E: ", t));
  }
}
