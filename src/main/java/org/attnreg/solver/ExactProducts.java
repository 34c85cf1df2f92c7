package org.attnreg.solver;

import java.util.function.UnaryOperator;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.Globals;
import org.attnreg.stats.HessianProduct;

/**
 * The exact Hessian at one point as an operator {@code v ↦ H v}, each application one pass over
 * the blocks: the first a derivative pass that also yields the low-rank terms R, the later ones the
 * lean {@code Aᵀ(h ∘ A v)} pass plus R v on the driver. Confined to one Newton step.
 */
final class ExactProducts implements UnaryOperator<double[]> {
  private final Evaluator evaluator;
  private final double[] x;
  private final Globals globals;
  private final int iteration;
  private final double logScale;
  /** R in the units of {@link #logScale}, once known. */
  private double[] lowRank;
  private int products;

  /**
   * @param lowRank R in the units of {@code logScale} when the caller has it (the Hessian of a
   *     derivative pass at x without a Gram is exactly R), else null: the first product then finds it
   */
  ExactProducts(Evaluator evaluator, double[] x, Globals globals, int iteration, double logScale, double[] lowRank) {
    this.evaluator = evaluator;
    this.x = x.clone();
    this.globals = globals;
    this.iteration = iteration;
    this.logScale = logScale;
    this.lowRank = lowRank == null ? null : lowRank.clone();
  }

  @Override
  public double[] apply(double[] v) {
    products++;
    String name = "iteration " + iteration + ": Hessian-vector product " + products;
    if (lowRank == null) {
      HessianProduct.Direction at = new HessianProduct.Direction(x, v);
      HessianProduct.Applied first = HessianProduct.finishWithLowRankTerms(
          evaluator.pass(HessianProduct.withLowRankTerms(evaluator.problem(), globals, at, iteration, name)), at);
      double toOurs = Math.exp(first.logScale() - logScale);
      lowRank = Vectors.scaled(toOurs, first.lowRank());
      return Vectors.scaled(toOurs, first.product());
    }
    HessianProduct.Sum sum = evaluator.pass(HessianProduct.product(evaluator.problem(), globals,
        new HessianProduct.Direction(x, v), name));
    return sum.finish(lowRank, v, logScale);
  }
}
