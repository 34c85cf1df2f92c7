package org.attnreg.analysis.sensitivity;

import org.attnreg.problem.Globals;
import org.attnreg.solver.Evaluator;
import org.attnreg.stats.SensitivityPass;

/**
 * The data of a sensitivity study: A (with b) and a perturbation direction E, row-aligned, held
 * locally or in Spark. Every method that touches the rows is exactly one pass.
 */
public interface PerturbedData {

  /** Passes over A. */
  Evaluator original();

  /** Passes over {@code A + t·E} (E as generated or read, not normalised), formed on the fly. */
  Evaluator perturbed(double t);

  /** One pass: the derivatives at x and {@code (∂_A∇L)[E/‖E‖_F]}, given the globals of A's value pass at x. */
  SensitivityPass sensitivity(double[] x, Globals globals);

  /** One pass: {@code empty} with every row pair added at x. */
  ResidualShiftAggregate residualShift(double[] x, ResidualShiftAggregate empty);
}
