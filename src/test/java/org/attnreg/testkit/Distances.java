package org.attnreg.testkit;

import org.attnreg.linalg.Vectors;

/** How far a solution is from a reference. */
public final class Distances {
  private Distances() {}

  /** ‖x − ref‖ / ‖ref‖. */
  public static double relativeError(double[] x, double[] ref) {
    double[] diff = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      diff[j] = x[j] - ref[j];
    }
    return Vectors.norm(diff) / Vectors.norm(ref);
  }
}
