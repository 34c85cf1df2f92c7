package org.attnreg.analysis.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attnreg.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The weight- and data-shift identities and every bound they report, on many seeded instances. */
class IclShiftsTest {
  private static final double IDENTITY = 1e-12;
  private static final double ROUNDING = 1e-9;

  private static SoftmaxInstance instance(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 5 + rnd.nextInt(60);
    int d = 1 + rnd.nextInt(8);
    return SyntheticInstances.generate(n, d, seed, 0.2 + rnd.nextDouble());
  }

  @Test
  void weightShiftRespectsItsIdentityAndBoundsOnManySeeds() {
    for (long seed = 1; seed <= 60; seed++) {
      SoftmaxInstance inst = instance(seed);
      SplittableRandom rnd = new SplittableRandom(seed);
      double[] x = Gaussians.vector(inst.d(), 0.5 + 2.0 * rnd.nextDouble(), rnd);
      Double eta = seed % 3 == 0 ? null : 0.1 + 5.0 * rnd.nextDouble();
      WeightShift.Result r = WeightShift.at(inst, x, eta, "random");
      assertTrue(r.identityError() <= IDENTITY, "seed " + seed + ": identity error " + r.identityError());
      assertTrue(r.xShift() > 0.0, "seed " + seed + ": the GD step must move x");
      assertTrue(r.boundsRespected(ROUNDING), "seed " + seed + ": " + r);
      assertTrue(r.ratio() <= r.bounds().tight() * (1 + ROUNDING), "seed " + seed + ": ratio " + r.ratio()
          + " > R/2 = " + r.bounds().tight());
      assertTrue(Math.log10(r.ratio()) <= r.bounds().paperLog10M(), "seed " + seed + ": ratio above M");
    }
  }

  @Test
  void weightShiftIdentityIsExactInTheResidual() {
    SoftmaxInstance inst = instance(99);
    double[] x = Gaussians.vector(inst.d(), 1.0, new SplittableRandom(3));
    WeightShift.Result r = WeightShift.at(inst, x, 2.0, "random");
    double[] f = inst.predict(x);
    double[] fPrime = inst.predict(r.xPrime());
    for (int i = 0; i < inst.n(); i++) {
      assertEquals(f[i] - inst.b()[i], fPrime[i] - r.bPrime()[i], IDENTITY, "row " + i);
    }
    double[] expected = x.clone();
    double[] g = inst.derivatives(x).gradient();
    for (int j = 0; j < x.length; j++) {
      expected[j] -= 2.0 * g[j];
    }
    for (int j = 0; j < x.length; j++) {
      assertEquals(expected[j], r.xPrime()[j], 1e-14, "x' = x − η∇L(x), coordinate " + j);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 1.0, 3.0})
  void dataShiftRespectsItsIdentityAndBoundsOnManySeeds(double scale) {
    for (long seed = 1; seed <= 40; seed++) {
      SoftmaxInstance inst = instance(seed);
      double[] x = Gaussians.vector(inst.d(), 1.5, new SplittableRandom(seed + 1000));
      DataShift.Result r = DataShift.at(inst, x, AttentionWeights.random(inst.d(), scale, seed));
      assertTrue(r.identityError() <= IDENTITY, "seed " + seed + ": identity error " + r.identityError());
      assertTrue(r.boundsRespected(ROUNDING), "seed " + seed + " scale " + scale + ": " + r);
      assertTrue(r.ratio() <= r.bounds().tight() * (1 + ROUNDING), "seed " + seed + ": ratio above R/2");
      assertTrue(r.bShift() <= r.directBound() * (1 + ROUNDING), "seed " + seed + ": ‖b'−b‖ above ½‖(A'−A)x‖");
    }
  }

  @Test
  void selfAttentionMatchesTheDenseFormula() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[][] a = Gaussians.matrix(7, 3, 1.0, rnd);
    AttentionWeights w = AttentionWeights.random(3, 1.0, 6);
    double[][] scores = Dense.times(Dense.times(Dense.times(a, w.q()), transpose(w.k())), transpose(a));
    double[][] av = Dense.times(a, w.v());
    double[][] got = SelfAttention.apply(a, w);
    for (int i = 0; i < 7; i++) {
      double[] p = Softmax.of(scores[i]);
      for (int c = 0; c < 3; c++) {
        double expected = a[i][c];
        for (int j = 0; j < 7; j++) {
          expected += p[j] * av[j][c];
        }
        assertEquals(expected, got[i][c], 1e-13, "A'[" + i + "][" + c + "]");
      }
    }
  }

  @Test
  void refusesAnAttentionThatIsTooLarge() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SelfAttention.checkSize(SelfAttention.MAX_ROWS + 1));
    assertTrue(e.getMessage().contains("n = 20001") && e.getMessage().contains("20000"), e.getMessage());
  }

  @Test
  void spectralNormIsTheLargestSingularValue() {
    double[][] a = Gaussians.matrix(30, 4, 1.0, new SplittableRandom(8));
    double[] v = {1, 1, 1, 1};
    for (int k = 0; k < 500; k++) {
      double[] w = Dense.times(transpose(a), Dense.times(a, v));
      double norm = Vectors.norm(w);
      for (int j = 0; j < 4; j++) {
        v[j] = w[j] / norm;
      }
    }
    assertEquals(Vectors.norm(Dense.times(a, v)), Dense.spectralNorm(a), 1e-10);
  }

  @Test
  void tightBoundIsBelowThePapersFactor() {
    for (double r = 0.0; r <= 50.0; r += 0.5) {
      ShiftBounds b = ShiftBounds.of(1, r);
      assertTrue(b.paperLog10M() >= Math.log10(Math.max(b.tight(), 1e-300)), "R = " + r);
    }
    assertEquals(Double.POSITIVE_INFINITY, ShiftBounds.of(50, 10.0).paperM());
    assertEquals(Math.pow(50, 1.5) * Math.exp(10.0), ShiftBounds.of(50, 1.0).paperM(), 1e-6 * ShiftBounds.of(50, 1.0).paperM());
  }

  private static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }
}
