package org.attnreg.linalg;

/** Helpers for symmetric d×d matrices stored full and row-major. */
public final class Grams {
  private Grams() {}

  /** Copies the lower triangle onto the upper one, in place; returns the matrix. */
  public static double[] mirrorLower(double[] g, int d) {
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < j; k++) {
        g[k * d + j] = g[j * d + k];
      }
    }
    return g;
  }
}
