package org.attnreg.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.attnreg.linalg.RowBlock;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.Problem;

/**
 * One distributed loss-and-gradient pass with our kernels, what a first-order method calls per
 * function evaluation (Spark ML's {@code RDDLossFunction} pattern: broadcast x, one treeAggregate,
 * destroy the broadcast). Separable families (no globals) reuse the derivative pass without its
 * Gram; softmax, whose derivative pass needs a prior value pass, uses {@link SoftmaxGradientAggregate}.
 */
final class GradientPass {
  private final JavaSparkContext sc;
  private final JavaRDD<RowBlock> blocks;
  private final Problem problem;
  private final int depth;

  GradientPass(JavaSparkContext sc, JavaRDD<RowBlock> blocks, Problem problem, int partitions) {
    if (problem.family().isShifted() && !problem.family().id().equals("softmax")) {
      throw new IllegalArgumentException("no one-pass gradient for family " + problem.family().id());
    }
    this.sc = sc;
    this.blocks = blocks;
    this.problem = problem;
    this.depth = DistributedEvaluator.depthFor(partitions);
  }

  /** {loss, ∇L_1, …, ∇L_d} at x. */
  double[] at(double[] x) {
    Broadcast<double[]> bx = sc.broadcast(x);
    try {
      return problem.family().isShifted() ? softmax(bx) : separable(bx, x);
    } finally {
      bx.destroy();
    }
  }

  private double[] softmax(Broadcast<double[]> bx) {
    SoftmaxGradientAggregate total = blocks.treeAggregate(new SoftmaxGradientAggregate(problem.d()),
        (agg, block) -> agg.add(block, bx.value()), SoftmaxGradientAggregate::merge, depth);
    return total.finish();
  }

  private double[] separable(Broadcast<double[]> bx, double[] x) {
    Problem p = problem;
    DerivativeAggregate total = blocks.treeAggregate(p.emptyDerivative(new double[0], 0, new NoCurvature()),
        (agg, block) -> agg.add(block, bx.value()), DerivativeAggregate::merge, depth);
    Derivatives der = total.finish(x);
    double scale = Math.exp(der.logScale());
    double[] out = new double[x.length + 1];
    out[0] = der.loss();
    for (int j = 0; j < x.length; j++) {
      out[j + 1] = scale * der.gradient()[j];
    }
    return out;
  }
}
