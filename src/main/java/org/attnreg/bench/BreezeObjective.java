package org.attnreg.bench;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import scala.Tuple2;

/**
 * Our one-pass loss and gradient as a Breeze {@link DiffFunction}, so that Breeze's L-BFGS (the
 * optimiser Spark ML uses) drives it exactly as Spark's {@code RDDLossFunction} is driven. The
 * objective is divided by ‖∇L(x₀)‖ (as Spark ML averages its losses), so that Breeze's absolute
 * floors do not interfere: its gradient norm is then the relative one our solver stops on.
 */
final class BreezeObjective {
  private final GradientPass pass;
  private final SolveTrace trace;
  private double scale = Double.NaN;
  private int calls;
  private double[] lastPoint;
  private Tuple2<Object, DenseVector<Object>> lastResult;

  BreezeObjective(GradientPass pass, SolveTrace trace) {
    this.pass = pass;
    this.trace = trace;
  }

  public Tuple2<Object, DenseVector<Object>> calculate(DenseVector<Object> x) {
    double[] point = toArray(x);
    // Spark ML wraps its loss in a CachedDiffFunction: a repeated point costs no pass.
    if (lastResult != null && java.util.Arrays.equals(point, lastPoint)) {
      return lastResult;
    }
    double[] lossAndGradient = pass.at(point);
    calls++;
    double[] gradient = java.util.Arrays.copyOfRange(lossAndGradient, 1, lossAndGradient.length);
    double norm = Math.sqrt(dot(gradient, gradient));
    if (Double.isNaN(scale)) {
      scale = norm > 0.0 ? 1.0 / norm : 1.0;
    }
    trace.add(lossAndGradient[0], norm, point, 1);
    for (int j = 0; j < gradient.length; j++) {
      gradient[j] *= scale;
    }
    lastPoint = point;
    lastResult = new Tuple2<>(lossAndGradient[0] * scale, new DenseVector<Object>(gradient));
    return lastResult;
  }

  /** This objective as a Breeze {@link DiffFunction}. */
  DiffFunction<DenseVector<Object>> asDiffFunction() {
    return DiffFunctions.of(x -> calculate(x));
  }

  int calls() {
    return calls;
  }

  static double[] toArray(DenseVector<Object> v) {
    double[] data = (double[]) v.data();
    double[] out = new double[v.length()];
    for (int j = 0; j < out.length; j++) {
      out[j] = data[v.offset() + j * v.stride()];
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
