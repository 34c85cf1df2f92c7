package org.attnreg.solver;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.InverseLinkFit;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.ValueAggregate;

/**
 * Evaluates passes over blocks held in this JVM, each inner list playing the part of one partition
 * (merged in order). Used by tests, by the driver-side analyses and for small data.
 */
public final class LocalEvaluator implements Evaluator {
  private final Problem problem;
  private final List<List<RowBlock>> partitions;

  public LocalEvaluator(Problem problem, List<List<RowBlock>> partitions) {
    this.problem = problem;
    this.partitions = List.copyOf(partitions);
  }

  /** All blocks in a single partition. */
  public static LocalEvaluator of(Problem problem, List<RowBlock> blocks) {
    return new LocalEvaluator(problem, List.of(blocks));
  }

  @Override
  public int dimension() {
    return problem.d();
  }

  @Override
  public EvaluatedPoint[] values(LineBatch batch, int iteration) {
    ValueAggregate total = problem.emptyValue(batch);
    for (List<RowBlock> partition : partitions) {
      ValueAggregate part = problem.emptyValue(batch);
      for (RowBlock block : partition) {
        part.add(block, batch);
      }
      total.merge(part);
    }
    return total.finish(batch, problem.reg());
  }

  @Override
  public Derivatives derivatives(double[] x, double[] globals, int iteration, Curvature curvature) {
    DerivativeAggregate total = problem.emptyDerivative(globals, iteration, curvature);
    for (List<RowBlock> partition : partitions) {
      DerivativeAggregate part = problem.emptyDerivative(globals, iteration, curvature);
      for (RowBlock block : partition) {
        part.add(block, x);
      }
      total.merge(part);
    }
    return total.finish(x);
  }

  @Override
  public double[] leastSquaresStart(InverseLinkFit fit) {
    LeastSquaresAggregate total = LeastSquaresAggregate.empty(fit, problem.d());
    for (List<RowBlock> partition : partitions) {
      LeastSquaresAggregate part = LeastSquaresAggregate.empty(fit, problem.d());
      for (RowBlock block : partition) {
        part.add(block);
      }
      total.merge(part);
    }
    return total.finish();
  }
}
