package org.attnreg.analysis.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.ResidualBound;
import org.attnreg.problem.Residuals;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.SensitivityPass;

/**
 * How the solution of a family's problem moves when the data matrix A is perturbed (arXiv
 * 2305.00660, maths.md §10), in the engine's own passes:
 *
 * <ol>
 *   <li>solve at A (the family's start unless x0 is given): x*;
 *   <li>one value pass (globals at x*) and one sensitivity pass: H(x*) and {@code (∂_A∇L)[E]} for the
 *       unit direction, hence {@code dx*} for every ‖E‖ at once, since it is linear in E;
 *   <li>for each ‖E‖ = t: a value pass at {@code (A + tE, x*)} for its globals, a residual pass for
 *       {@code ‖c(A+tE, x*) − c(A, x*)‖} against the {@link ResidualBound}, and a re-solve at A + tE
 *       warm-started at x*, compared with the prediction {@code t·dx*}.
 * </ol>
 */
public final class SensitivityStudy {
  private final NewtonSolver solver;
  private final IterationListener listener;

  /**
   * @param solver the solver of the base solve and of every re-solve
   * @param listener sees the iterations of the base solve
   */
  public SensitivityStudy(NewtonSolver solver, IterationListener listener) {
    this.solver = solver;
    this.listener = listener;
  }

  /**
   * @param norms the Frobenius norms ‖E‖_F to study, each > 0
   * @param x0 the start of the base solve, or null for the family's
   * @param progress sees each row as soon as it is done
   */
  public SensitivityReport run(PerturbedData data, LossFamily family, double[] x0, double[] norms,
      Consumer<SensitivityRow> progress) {
    residualsOf(family);
    return around(data, family, FamilySolve.solve(solver, family, data.original(), x0, listener), norms, progress);
  }

  /**
   * The study around a base solve at A made elsewhere (the solve job of the command line), whose x
   * is taken as x*.
   */
  public SensitivityReport around(PerturbedData data, LossFamily family, SolveResult base, double[] norms,
      Consumer<SensitivityRow> progress) {
    Residuals residuals = residualsOf(family);
    double[] xStar = base.x();
    EvaluatedPoint atA = data.original().values(LineBatch.at(xStar), 0)[0];
    SensitivityPass pass = data.sensitivity(xStar, atA.globals());
    FirstOrder firstOrder = FirstOrder.of(pass);
    ResidualBound bound = residuals.residualBound();
    List<SensitivityRow> rows = new ArrayList<>();
    for (double t : norms) {
      SensitivityRow row = perturb(data, residuals, atA, pass, firstOrder, t);
      rows.add(row);
      progress.accept(row);
    }
    return new SensitivityReport(base, pass, firstOrder, bound, rows);
  }

  /** The family's residual model, which the study needs. */
  static Residuals residualsOf(LossFamily family) {
    if (!(family instanceof Residuals residuals)) {
      throw new IllegalArgumentException("family " + family.id() + " has no residual model: its sensitivity to the"
          + " data cannot be studied");
    }
    return residuals;
  }

  private SensitivityRow perturb(PerturbedData data, Residuals family, EvaluatedPoint atA, SensitivityPass pass,
      FirstOrder firstOrder, double t) {
    double[] xStar = atA.x();
    ResidualCheck.ResidualMeasure residual = ResidualCheck.measure(data, family, atA, pass, t);
    SolveResult re = solver.solve(data.perturbed(t / pass.rawNorm()), xStar, IterationListener.NONE);
    double[] measured = Vectors.minus(re.x(), xStar);
    double[] predicted = Vectors.scaled(t, firstOrder.unitShift());
    double measuredNorm = Vectors.norm(measured);
    return new SensitivityRow(t, t / pass.aNorm(), Vectors.norm(predicted), measuredNorm,
        Vectors.norm(Vectors.minus(measured, predicted)) / measuredNorm, re.status().label(), re.iterations(),
        residual.shift(), residual.ratio(), residual.lipschitzInZ(), residual.exNorm(), residual.bound(), residual.aPriori(),
        residual.radius(), residual.holds());
  }
}
