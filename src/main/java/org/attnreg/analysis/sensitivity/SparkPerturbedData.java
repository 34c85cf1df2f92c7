package org.attnreg.analysis.sensitivity;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.attnreg.linalg.RowBlock;
import org.attnreg.solver.Evaluator;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.Problem;
import org.attnreg.stats.SensitivityAggregate;
import org.attnreg.stats.SensitivityPass;

/**
 * Block pairs in Spark. Passes over A use the cached blocks themselves; {@code A + tE} is formed on
 * the fly in every pass ({@code O(nnz)} per pass, less than the pass's own {@code O(nnz·d)} Gram)
 * instead of caching a second copy of the data. Each pass is one {@code treeAggregate}; every
 * broadcast is destroyed when its pass ends.
 */
public final class SparkPerturbedData implements PerturbedData {
  private final JavaSparkContext sc;
  private final JavaRDD<RowBlock> blocks;
  private final JavaRDD<BlockPair> pairs;
  private final Problem problem;
  private final int depth;

  /**
   * @param blocks the cached blocks of A
   * @param pairs the same rows paired with E (random: generated on the fly; file: cached)
   */
  public SparkPerturbedData(JavaSparkContext sc, JavaRDD<RowBlock> blocks, JavaRDD<BlockPair> pairs, Problem problem,
      int depth) {
    this.sc = sc;
    this.blocks = blocks;
    this.pairs = pairs;
    this.problem = problem;
    this.depth = depth;
  }

  /** A's cached blocks paired with the random direction of {@link RandomPerturbation} for {@code seed}. */
  public static JavaRDD<BlockPair> randomPairs(JavaRDD<RowBlock> blocks, long seed) {
    return blocks.map(a -> new BlockPair(a, RandomPerturbation.block(a, seed)));
  }

  @Override
  public Evaluator original() {
    return new DistributedEvaluator(sc, blocks, problem, depth, "sensitivity at A: ");
  }

  @Override
  public Evaluator perturbed(double t) {
    JavaRDD<RowBlock> moved = pairs.map(p -> p.perturbed(t));
    return new DistributedEvaluator(sc, moved, problem, depth, String.format(java.util.Locale.ROOT, "sensitivity at A + %.3g E: ", t));
  }

  @Override
  public SensitivityPass sensitivity(double[] x, double[] globals) {
    Broadcast<double[]> bx = sc.broadcast(x);
    try {
      sc.setJobDescription("sensitivity pass: derivatives and ∂_A∇L[E] at x*");
      Problem p = problem;
      SensitivityAggregate total = pairs.treeAggregate(SensitivityAggregate.empty(p, globals),
          (agg, pair) -> agg.add(pair.a(), pair.e(), bx.value()), SensitivityAggregate::merge, depth);
      return total.finish(x);
    } finally {
      bx.destroy();
      sc.setJobDescription(null);
    }
  }

  @Override
  public ResidualShiftAggregate residualShift(double[] x, ResidualShiftAggregate empty) {
    Broadcast<double[]> bx = sc.broadcast(x);
    try {
      sc.setJobDescription("sensitivity: residual shift ‖c(A+E,x*) − c(A,x*)‖");
      return pairs.treeAggregate(empty.emptyCopy(), (agg, pair) -> agg.add(pair, bx.value()),
          ResidualShiftAggregate::merge, depth);
    } finally {
      bx.destroy();
      sc.setJobDescription(null);
    }
  }
}
