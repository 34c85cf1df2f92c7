package org.attnreg.analysis.sensitivity;

import org.attnreg.problem.Globals;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.Problem;
import org.attnreg.stats.SensitivityAggregate;

/** The two passes a sensitivity study runs over row pairs {@code (a_i, e_i)}, whoever runs them. */
final class BlockPairPasses {
  private BlockPairPasses() {}

  /** The derivatives at x and {@code (∂_A∇L)[E]}, given the globals of A's value pass at x. */
  static BlockPass<BlockPair, double[], SensitivityAggregate> sensitivity(Problem problem, double[] x,
      Globals globals) {
    return new BlockPass<>("sensitivity pass: derivatives and ∂_A∇L[E] at x*", x,
        () -> SensitivityAggregate.empty(problem, globals), (agg, pair, point) -> agg.add(pair.a(), pair.e(), point),
        SensitivityAggregate::merge);
  }

  /** {@code empty} with every row pair added at x. */
  static BlockPass<BlockPair, double[], ResidualShiftAggregate> residualShift(double[] x,
      ResidualShiftAggregate empty) {
    return new BlockPass<>("sensitivity: residual shift ‖c(A+E,x*) − c(A,x*)‖", x, empty::emptyCopy,
        (agg, pair, point) -> agg.add(pair, point), ResidualShiftAggregate::merge);
  }
}
