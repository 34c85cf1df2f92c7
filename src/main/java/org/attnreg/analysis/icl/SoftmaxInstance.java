package org.attnreg.analysis.icl;

import java.util.List;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;

/**
 * An in-memory softmax-regression instance {@code L(x) = ½‖softmax(Ax) − b‖²} (maths.md §4, no
 * regulariser), evaluated on the driver through the project's {@link LocalEvaluator}, so the loss,
 * gradient and Hessian are exactly those the distributed solver uses.
 *
 * @param a the n×d matrix A, row-major
 * @param b the target b ∈ Rⁿ
 */
public record SoftmaxInstance(double[][] a, double[] b) {

  public SoftmaxInstance {
    if (a.length == 0 || a[0].length == 0) {
      throw new IllegalArgumentException("A must have at least one row and one column");
    }
    if (b.length != a.length) {
      throw new IllegalArgumentException("A is " + a.length + "×" + a[0].length + " but b has " + b.length + " entries");
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i].length != a[0].length) {
        throw new IllegalArgumentException("row " + i + " of A has " + a[i].length + " entries, row 0 has " + a[0].length);
      }
      for (double v : a[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("row " + i + " of A has a non-finite entry " + v);
        }
      }
      if (!Double.isFinite(b[i])) {
        throw new IllegalArgumentException("b_" + i + " is not finite: " + b[i]);
      }
    }
  }

  public int n() {
    return a.length;
  }

  public int d() {
    return a[0].length;
  }

  /** The exact loss, gradient and Hessian (row-major d×d) at x. */
  public Derivatives derivatives(double[] x) {
    checkPoint(x);
    LocalEvaluator evaluator = evaluator();
    EvaluatedPoint at = evaluator.values(LineBatch.at(x), 0)[0];
    return evaluator.derivatives(x, at.globals(), 0, new ExactCurvature());
  }

  /** The damped-Newton solution from the origin. */
  public SolveResult solve() {
    return new NewtonSolver(SolverConfig.defaults()).solve(evaluator(), new double[d()], IterationListener.NONE);
  }

  /** f(A,x) = softmax(Ax). */
  public double[] predict(double[] x) {
    checkPoint(x);
    return Softmax.predict(a, x);
  }

  LocalEvaluator evaluator() {
    return LocalEvaluator.of(new Problem(SoftmaxRegression.softmax(), Regularizer.NONE, d()), blocks());
  }

  private List<RowBlock> blocks() {
    List<RowBlock> blocks = new java.util.ArrayList<>();
    BlockBuilder builder = new BlockBuilder(d(), BlockBuilder.defaultBlockRows(d()), false);
    for (int i = 0; i < n(); i++) {
      builder.addDense(i, b[i], a[i]);
      if (builder.isFull()) {
        blocks.add(builder.build());
      }
    }
    if (!builder.isEmpty()) {
      blocks.add(builder.build());
    }
    return blocks;
  }

  private void checkPoint(double[] x) {
    if (x.length != d()) {
      throw new IllegalArgumentException("x has " + x.length + " entries, A has d = " + d() + " columns");
    }
  }
}
