package org.attnreg.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.InverseLinkFit;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.LeastSquaresAggregate;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.ValueAggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each pass as one aggregation over the cached blocks (see {@link #aggregate}): the point (and
 * line-search direction) is broadcast, every partition folds its blocks into an aggregate with the same kernel
 * the {@link org.attnreg.solver.LocalEvaluator} uses, and the driver finishes the merged result.
 * Every broadcast is destroyed when its pass ends. At DEBUG level each pass logs its wall time, so an
 * operator can tell slow passes (data, network) from slow driver work.
 */
public final class DistributedEvaluator implements Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(DistributedEvaluator.class);
  private final JavaSparkContext sc;
  private final JavaRDD<RowBlock> blocks;
  private final Problem problem;
  private final int depth;
  private final String jobPrefix;

  /**
   * @param blocks the cached row blocks
   * @param depth the {@code treeAggregate} depth (see {@link #depthFor})
   * @param jobPrefix prefix of every Spark job description, so the UI shows which solve it belongs to
   */
  public DistributedEvaluator(JavaSparkContext sc, JavaRDD<RowBlock> blocks, Problem problem, int depth,
      String jobPrefix) {
    this.sc = sc;
    this.blocks = blocks;
    this.problem = problem;
    this.depth = depth;
    this.jobPrefix = jobPrefix;
  }

  /** Depth 1 (all partials straight to the driver) up to 16 partitions, then one level per ×16. */
  public static int depthFor(int partitions) {
    int depth = 1;
    for (long reach = 16; reach < partitions; reach *= 16) {
      depth++;
    }
    return depth;
  }

  @Override
  public int dimension() {
    return problem.d();
  }

  @Override
  public EvaluatedPoint[] values(LineBatch batch, int iteration) {
    long start = System.nanoTime();
    Broadcast<LineBatch> bBatch = sc.broadcast(batch);
    try {
      sc.setJobDescription(jobPrefix + "iteration " + iteration + ": value pass (" + batch.size() + " points)");
      Problem p = problem;
      ValueAggregate total = aggregate(p.emptyValue(batch), (agg, block) -> agg.add(block, bBatch.value()),
          ValueAggregate::merge);
      EvaluatedPoint[] points = total.finish(batch, p.reg());
      logPass(iteration, "value pass (" + batch.size() + " points)", start);
      return points;
    } finally {
      bBatch.destroy();
      sc.setJobDescription(null);
    }
  }

  @Override
  public Derivatives derivatives(double[] x, double[] globals, int iteration, Curvature curvature) {
    long start = System.nanoTime();
    Broadcast<double[]> bx = sc.broadcast(x);
    try {
      sc.setJobDescription(jobPrefix + "iteration " + iteration + ": derivative pass");
      DerivativeAggregate total = aggregate(problem.emptyDerivative(globals, iteration, curvature),
          (agg, block) -> agg.add(block, bx.value()), DerivativeAggregate::merge);
      Derivatives derivatives = total.finish(x);
      logPass(iteration, "derivative pass (" + curvature.id() + ")", start);
      return derivatives;
    } finally {
      bx.destroy();
      sc.setJobDescription(null);
    }
  }

  @Override
  public double[] leastSquaresStart(InverseLinkFit fit) {
    long start = System.nanoTime();
    try {
      sc.setJobDescription(jobPrefix + "least-squares start");
      LeastSquaresAggregate total = aggregate(LeastSquaresAggregate.empty(fit, problem.d()),
          LeastSquaresAggregate::add, LeastSquaresAggregate::merge);
      double[] x0 = total.finish();
      logPass(0, "least-squares start", start);
      return x0;
    } finally {
      sc.setJobDescription(null);
    }
  }

  /**
   * One pass: every partition folds its blocks into its own copy of {@code zero}, and the partials
   * are merged. At depth 1 every partial goes to the driver anyway, so there they are merged in
   * partition order: the sums, and with them a whole solve, are then bit-for-bit reproducible
   * whatever order tasks finish in (also after a lost executor's partitions are recomputed). Deeper
   * trees use {@code treeAggregate}, whose intermediate merges follow task completion.
   */
  private <A> A aggregate(A zero, Function2<A, RowBlock, A> add, Function2<A, A, A> merge) {
    if (depth > 1) {
      return blocks.treeAggregate(zero, add, merge, depth);
    }
    List<A> partials = blocks.mapPartitions((FlatMapFunction<Iterator<RowBlock>, A>) rows -> {
      A acc = zero; // the task's own deserialised copy
      while (rows.hasNext()) {
        acc = add.call(acc, rows.next());
      }
      return List.of(acc).iterator();
    }).collect();
    try {
      A total = zero;
      for (A partial : partials) {
        total = merge.call(total, partial);
      }
      return total;
    } catch (Exception e) {
      throw new IllegalStateException("merging partition results failed: " + e.getMessage(), e);
    }
  }

  private void logPass(int iteration, String pass, long startNanos) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}iteration {}: {} took {} s over {} partitions (tree depth {})", jobPrefix, iteration, pass,
          String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) * 1e-9),
          blocks.getNumPartitions(), depth);
    }
  }
}
