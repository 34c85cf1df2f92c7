package org.attnreg.problem;

/** Data-free starting points and the start-related messages shared by the families. */
final class Starts {
  static final String EVEN_AT_ZERO = "the loss is even (L(x) = L(−x)), so x = 0 is a stationary point the solver"
      + " cannot leave; start anywhere else (solutions come in pairs ±x*)";

  private Starts() {}

  /** {@code x_j = scale·(−1)^j/√d}: non-zero, deterministic, of norm {@code scale}. */
  static double[] alternating(int d, double scale) {
    double[] x = new double[d];
    double s = scale / Math.sqrt(d);
    for (int j = 0; j < d; j++) {
      x[j] = (j % 2 == 0) ? s : -s;
    }
    return x;
  }

  static boolean isZero(double[] x) {
    for (double v : x) {
      if (v != 0.0) {
        return false;
      }
    }
    return true;
  }

}
