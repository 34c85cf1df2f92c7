package org.attnreg.linalg;

/** Small dense-vector helpers used on the driver (d-vectors; the hot loops live in the kernels). */
public final class Vectors {
  private Vectors() {}

  /** aᵀb. */
  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** ‖a‖₂. */
  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** {@code s·a}, a new array. */
  public static double[] scaled(double s, double[] a) {
    double[] r = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      r[j] = s * a[j];
    }
    return r;
  }

  /** {@code a − b}, a new array. */
  public static double[] minus(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      r[j] = a[j] - b[j];
    }
    return r;
  }

  /** Whether every entry is finite. */
  public static boolean allFinite(double[] a) {
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
