package org.attnreg.stats;

import java.io.Serializable;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.problem.Regularizer;

/**
 * A value pass and, in the same pass over the rows, the derivative pass at one of its points (the
 * full Newton step), taken with globals predicted to first order from the current iterate because
 * the point's own globals are known only once the value sums are merged (maths.md §8.6). On the driver the
 * derivative sums are corrected to the exact globals the value part found, which makes loss and
 * gradient exact; only the Gram part of the Hessian keeps the predicted weights.
 *
 * <p>The derivative part is added at the point itself (margins {@code A x'} computed afresh, not
 * {@code A x − t A s}), so it is bit-identical to an ordinary derivative pass with the same
 * predicted globals: a resumed solve repeats it exactly.
 *
 * @param values the value part: every point of the batch
 * @param derivatives the derivative part: the batch's derivative point, with the predicted globals
 */
public record FusedAggregate(ValueAggregate values, DerivativeAggregate derivatives) implements Serializable {

  /**
   * What every block needs: the line-search batch, the index of the point whose derivatives are
   * taken, and that point.
   */
  public record Batch(LineBatch batch, int derivativeIndex, double[] derivativeAt) implements Serializable {
    public Batch(LineBatch batch, int derivativeIndex) {
      this(batch, derivativeIndex, batch.point(derivativeIndex));
    }
  }

  /** What the driver gets: every point's value, and the derivatives at one of them (null if refused). */
  public record Result(EvaluatedPoint[] points, int derivativeIndex, Derivatives derivatives) {}

  /**
   * The fused pass over {@code batch}, with the derivatives at its derivative point taken with {@code predicted} globals and the curvature of iteration {@code derivativeIteration}.
   */
  public static BlockPass<RowBlock, Batch, FusedAggregate> pass(Problem problem, Batch batch, Globals predicted,
      long derivativeIteration, Curvature curvature, String name) {
    int points = batch.batch().size(); // the zero must not capture the batch: it travels once, as the parameter
    return new BlockPass<>(name, batch,
        () -> new FusedAggregate(ValueAggregate.empty(problem.family(), points),
            problem.emptyDerivative(predicted, derivativeIteration, curvature)),
        (agg, block, b) -> agg.add(block, b), FusedAggregate::merge);
  }

  /** Adds one block's rows to both parts. */
  public FusedAggregate add(RowBlock block, Batch b) {
    values.add(block, b.batch());
    derivatives.add(block, b.derivativeAt());
    return this;
  }

  /** Merges both parts in the same order, so each is what its own pass would have merged. */
  public FusedAggregate merge(FusedAggregate other) {
    values.merge(other.values);
    derivatives.merge(other.derivatives);
    return this;
  }

  /** Driver: the points' values, and the corrected derivatives at the derivative point. */
  public Result finish(Batch b, Regularizer reg) {
    EvaluatedPoint[] points = values.finish(b.batch(), reg);
    EvaluatedPoint at = points[b.derivativeIndex()];
    Derivatives der = at.isFinite() ? derivatives.finishCorrected(b.derivativeAt(), at.globals()) : null;
    return new Result(points, b.derivativeIndex(), der);
  }
}
