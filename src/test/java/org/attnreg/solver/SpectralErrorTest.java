package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;

class SpectralErrorTest {
  private static double[] gram(double[][] a, int d) {
    double[] g = new double[d * d];
    for (double[] row : a) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          g[j * d + k] += row[j] * row[k];
        }
      }
    }
    return g;
  }

  @Test
  void aScaledHessianHasExactlyItsScaleAsError() {
    int d = 7;
    double[] h = gram(RandomProblems.gaussianRows(50, d, 1.0, 1), d);
    double[] scaled = h.clone();
    for (int j = 0; j < scaled.length; j++) {
      scaled[j] *= 1.3;
    }
    assertEquals(0.3, SpectralError.of(h, scaled, d), 1e-12);
    assertEquals(0.0, SpectralError.of(h, h, d), 1e-12);
  }

  @Test
  void errorIsTheWorstRelativeEigenvalueOfTheDifference() {
    int d = 5;
    double[] h = gram(RandomProblems.gaussianRows(40, d, 1.0, 2), d);
    double[] u = RandomProblems.gaussianVector(d, 1.0, 3);
    // H̃ = H + t·(H u)(H u)ᵀ/(uᵀHu): in the H-metric a rank-one bump of exactly t along u.
    double[] hu = new double[d];
    double uhu = 0.0;
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        hu[j] += h[j * d + k] * u[k];
      }
      uhu += u[j] * hu[j];
    }
    double[] approx = h.clone();
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        approx[j * d + k] += 0.25 * hu[j] * hu[k] / uhu;
      }
    }
    assertEquals(0.25, SpectralError.of(h, approx, d), 1e-10);
  }

  @Test
  void undefinedWhereTheExactHessianIsNotPositiveDefinite() {
    double[] indefinite = {1, 0, 0, -1};
    assertTrue(Double.isNaN(SpectralError.of(indefinite, indefinite, 2)));
  }
}
