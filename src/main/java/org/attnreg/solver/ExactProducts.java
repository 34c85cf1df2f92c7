package org.attnreg.solver;

import java.util.function.UnaryOperator;
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
  private double[] lowRank;
  private double lowRankLogScale;
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
    this.lowRankLogScale = logScale;
  }

  @Override
  public double[] apply(double[] v) {
    products++;
    String name = "iteration " + iteration + ": Hessian-vector product " + products;
    if (lowRank == null) {
      HessianProduct.Direction at = new HessianProduct.Direction(x, v);
      HessianProduct.Applied first = HessianProduct.finishWithLowRankTerms(
          evaluator.pass(HessianProduct.withLowRankTerms(evaluator.problem(), globals, at, iteration, name)), at);
      lowRank = first.lowRank();
      lowRankLogScale = first.logScale();
      return HessianProduct.scaled(first.product(), lowRankLogScale - logScale);
    }
    HessianProduct.Sum sum = evaluator.pass(HessianProduct.product(evaluator.problem(), globals,
        new HessianProduct.Direction(x, v), name));
    return sum.finish(scaledLowRank(sum.logScale()), v, logScale);
  }

  /** R in the units of a sum at {@code sumLogScale} (the same globals give the same scale). */
  private double[] scaledLowRank(double sumLogScale) {
    return sumLogScale == lowRankLogScale ? lowRank : HessianProduct.scaled(lowRank.clone(), lowRankLogScale - sumLogScale);
  }
}
