package org.attnreg.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.problem.HyperbolicRegression;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.solver.Evaluator;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.NoCurvature;
import org.attnreg.stats.Problem;

/**
 * One distributed loss-and-gradient pass with our kernels, what a first-order method calls per
 * function evaluation (broadcast x, one aggregation, destroy the broadcast). Separable families (no
 * globals) reuse the derivative pass without its Gram; softmax, whose derivative pass needs a prior
 * value pass, uses {@link SoftmaxGradientAggregate}.
 */
final class GradientPass {
  private final Evaluator evaluator;
  private final boolean softmax;

  GradientPass(JavaSparkContext sc, JavaRDD<RowBlock> blocks, Problem problem) {
    this.softmax = SoftmaxRegression.softmax().equals(problem.family());
    if (!softmax && !(problem.family() instanceof HyperbolicRegression)) {
      throw new IllegalArgumentException("no one-pass gradient for family " + problem.family().id());
    }
    this.evaluator = DistributedEvaluator.over(sc, blocks, problem, "bench: ");
  }

  /** {loss, ∇L_1, …, ∇L_d} at x. */
  double[] at(double[] x) {
    return softmax ? softmax(x) : separable(x);
  }

  private double[] softmax(double[] x) {
    int d = evaluator.dimension();
    return evaluator.pass(new BlockPass<RowBlock, double[], SoftmaxGradientAggregate>("loss and gradient", x,
        () -> new SoftmaxGradientAggregate(d), (agg, block, point) -> agg.add(block, point),
        SoftmaxGradientAggregate::merge)).finish();
  }

  private double[] separable(double[] x) {
    Derivatives der = evaluator.pass(DerivativeAggregate.pass(evaluator.problem(), x, Globals.NONE, 0,
        new NoCurvature(), "loss and gradient")).finish(x);
    double scale = Math.exp(der.logScale());
    double[] out = new double[x.length + 1];
    out[0] = der.loss();
    for (int j = 0; j < x.length; j++) {
      out[j + 1] = scale * der.gradient()[j];
    }
    return out;
  }
}
