package org.attnreg.analysis.sensitivity;

import org.attnreg.problem.Globals;
import org.attnreg.solver.Evaluator;
import org.attnreg.stats.PassRunner;
import org.attnreg.stats.Problem;
import org.attnreg.stats.SensitivityPass;

/**
 * The data of a sensitivity study: A (with b) and a perturbation direction E, row-aligned, held
 * locally or in Spark. Every method that touches the rows is exactly one pass; the passes over the
 * row pairs are the same wherever the pairs live, only their runner differs.
 */
public abstract class PerturbedData {
  private final Problem problem;
  private final PassRunner<BlockPair> pairPasses;

  protected PerturbedData(Problem problem, PassRunner<BlockPair> pairPasses) {
    this.problem = problem;
    this.pairPasses = pairPasses;
  }

  /** The family, regulariser and dimension every pass is taken of. */
  protected final Problem problem() {
    return problem;
  }

  /** Passes over A. */
  public abstract Evaluator original();

  /** Passes over {@code A + t·E} (E as generated or read, not normalised), formed on the fly. */
  public abstract Evaluator perturbed(double t);

  /** One pass: the derivatives at x and {@code (∂_A∇L)[E/‖E‖_F]}, given the globals of A's value pass at x. */
  public final SensitivityPass sensitivity(double[] x, Globals globals) {
    return pairPasses.run(BlockPairPasses.sensitivity(problem, x, globals)).finish(x);
  }

  /** One pass: {@code empty} with every row pair added at x. */
  public final ResidualShiftAggregate residualShift(double[] x, ResidualShiftAggregate empty) {
    return pairPasses.run(BlockPairPasses.residualShift(x, empty));
  }
}
