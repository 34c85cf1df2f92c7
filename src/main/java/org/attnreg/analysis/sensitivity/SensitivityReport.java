package org.attnreg.analysis.sensitivity;

import java.util.List;
import org.attnreg.problem.ResidualBound;
import org.attnreg.solver.SolveResult;
import org.attnreg.stats.SensitivityPass;

/**
 * The outcome of a sensitivity study.
 *
 * @param solve the solve at A (x* = solve.x())
 * @param pass the sensitivity pass at x*
 * @param firstOrder the first-order shift per unit ‖E‖_F
 * @param bound the residual bound used
 * @param rows one per perturbation size, in the order given
 */
public record SensitivityReport(SolveResult solve, SensitivityPass pass, FirstOrder firstOrder, ResidualBound bound,
    List<SensitivityRow> rows) {

  public SensitivityReport {
    rows = List.copyOf(rows);
  }

  public boolean allBoundsHold() {
    return rows.stream().allMatch(SensitivityRow::boundsHold);
  }
}
