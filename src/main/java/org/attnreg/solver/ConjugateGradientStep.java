package org.attnreg.solver;

import java.util.function.UnaryOperator;
import org.attnreg.linalg.Vectors;

/**
 * The exact Newton step {@code H s = g} solved by preconditioned conjugate gradients, each product
 * {@code H p} one pass over the data and the preconditioner a sketched Hessian's Cholesky factor.
 * Where the sketch approximates H to a relative error ε, the preconditioned system's condition
 * number is at most {@code (1+ε)/(1−ε)}, so each product shrinks the residual by about
 * {@code (√κ−1)/(√κ+1)} (≈ 0.2 at ε = ½): a handful of one-read passes replace a d×d Gram.
 *
 * <p>Conjugate gradients stops once {@code ‖g − H s‖ ≤ η ‖g‖} (an inexact Newton step, whose forcing
 * term η the caller chooses), after {@code maxProducts} products, or at a direction of non-positive
 * curvature (H indefinite there). Every iterate from {@code s = 0} decreases the quadratic model, so
 * it is a descent direction; where no product was usable the step is the preconditioned one
 * {@code P⁻¹ g}, what the sketch alone would have taken.
 */
final class ConjugateGradientStep {

  private ConjugateGradientStep() {}

  /**
   * The step, the products spent on it and the relative residual {@code ‖g − H s‖/‖g‖} it reached
   * (NaN when it fell back to {@code P⁻¹ g}).
   */
  record Result(double[] step, int products, double relativeResidual) {}

  static Result solve(NewtonStep.Factor preconditioner, double[] g, UnaryOperator<double[]> hessianTimes, double forcing,
      int maxProducts) {
    int d = g.length;
    double gNorm = Vectors.norm(g);
    double[] s = new double[d];
    double[] r = g.clone();
    double[] z = preconditioner.solve(r);
    double[] p = z.clone();
    double rz = Vectors.dot(r, z);
    int products = 0;
    boolean stepped = false;
    double residual = 1.0;
    while (products < maxProducts && residual > forcing && rz > 0.0) {
      double[] q = hessianTimes.apply(p);
      products++;
      double curvature = Vectors.dot(p, q);
      if (!(curvature > 0.0) || !Vectors.allFinite(q)) {
        break;
      }
      stepped = true;
      double alpha = rz / curvature;
      for (int j = 0; j < d; j++) {
        s[j] += alpha * p[j];
        r[j] -= alpha * q[j];
      }
      residual = Vectors.norm(r) / gNorm;
      z = preconditioner.solve(r);
      double next = Vectors.dot(r, z);
      double beta = next / rz;
      for (int j = 0; j < d; j++) {
        p[j] = z[j] + beta * p[j];
      }
      rz = next;
    }
    if (!stepped) {
      return new Result(preconditioner.solve(g), products, Double.NaN);
    }
    return new Result(s, products, residual);
  }
}
