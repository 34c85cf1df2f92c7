package org.attnreg.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.Vectors;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.FusedAggregate;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * What every registered family must satisfy. A family's test extends this class and supplies the
 * family, an independent direct formula for its data loss, and test points.
 */
public abstract class LossFamilyContract {
  protected static final int N = 60;
  protected static final int D = 5;

  /** The family under test. */
  protected abstract LossFamily family();

  /** The data loss ℓ(z) computed directly from the margins z = Ax, independently of the family class. */
  protected abstract double referenceLoss(double[] z, double[] b);

  /** Targets b for the random instances. */
  protected double[] targets(double[][] a, long seed) {
    double[] xp = RandomProblems.gaussianVector(D, 1.0, seed + 17);
    return RandomProblems.plantedTargets(family(), a, xp);
  }

  /** Test points (seeded); x = 0 is included unless it is a trap of the family. */
  protected double[][] points() {
    return new double[][] {
        new double[D], RandomProblems.gaussianVector(D, 1.0, 3), RandomProblems.gaussianVector(D, 0.5, 4)};
  }

  /** A margin magnitude at which the loss is still finite but a naive evaluation would overflow. */
  protected double extremeMargin() {
    return 1000.0;
  }

  protected final double[][] matrix(long seed) {
    return RandomProblems.gaussianRows(N, D, 1.0, seed);
  }

  protected final LocalEvaluator evaluator(double[][] a, double[] b, Regularizer reg, List<List<RowBlock>> parts) {
    return new LocalEvaluator(new Problem(family(), reg, D), parts);
  }

  /**
   * A regulariser with the rows' own squared weights ({@code w2}, null: every w_i = 1), so that row i's
   * term is ½ reg.w2 · w2_i · z_i².
   */
  private record RegCase(Regularizer reg, double[] w2) {
    List<List<RowBlock>> partitions(double[][] a, double[] b, int blockRows, boolean sparse) {
      return RandomProblems.partitions(a, b, w2, blockRows, sparse);
    }

    double rowWeight2(int i) {
      return reg.w2() * (w2 == null ? 1.0 : w2[i]);
    }

    @Override
    public String toString() {
      return reg + (w2 == null ? "" : " with per-row weights");
    }
  }

  private LocalEvaluator evaluator(double[][] a, double[] b, RegCase c, int blockRows, boolean sparse) {
    return evaluator(a, b, c.reg(), c.partitions(a, b, blockRows, sparse));
  }

  protected final Derivatives derivativesAt(LocalEvaluator ev, double[] x) {
    EvaluatedPoint p = ev.values(LineBatch.at(x), 0)[0];
    return ev.derivatives(x, p.globals(), 0, new ExactCurvature());
  }

  private double regularisedReference(double[][] a, double[] b, double[] x, RegCase c) {
    double[] z = new double[a.length];
    double rowTerms = 0.0;
    for (int i = 0; i < a.length; i++) {
      z[i] = RandomProblems.dot(a[i], x);
      rowTerms += c.rowWeight2(i) * z[i] * z[i];
    }
    return referenceLoss(z, b) + 0.5 * rowTerms + 0.5 * c.reg().ridge() * RandomProblems.dot(x, x);
  }

  /** No regulariser, a uniform W = w·I, and per-row weights W = diag(w_i) (some w_i = 0). */
  private static List<RegCase> regularizers() {
    return List.of(new RegCase(Regularizer.NONE, null), new RegCase(new Regularizer(0.01, 0.003), null),
        new RegCase(new Regularizer(1.0, 0.003), RandomProblems.rowWeights2(N, 0.04, 5)));
  }

  @Test
  void valueAndDerivativePassesMatchTheDirectFormula() {
    double[][] a = matrix(11);
    double[] b = targets(a, 11);
    for (RegCase reg : regularizers()) {
      LocalEvaluator ev = evaluator(a, b, reg, 7, false);
      for (double[] x : points()) {
        double expected = regularisedReference(a, b, x, reg);
        double value = ev.values(LineBatch.at(x), 0)[0].loss();
        double exact = derivativesAt(ev, x).loss();
        assertClose(expected, value, 1e-10, "value-pass loss at " + java.util.Arrays.toString(x) + ", " + reg);
        assertClose(expected, exact, 1e-12, "derivative-pass loss at " + java.util.Arrays.toString(x) + ", " + reg);
      }
    }
  }

  @Test
  void gradientMatchesCentralDifferences() {
    double[][] a = matrix(12);
    double[] b = targets(a, 12);
    for (RegCase reg : regularizers()) {
      LocalEvaluator ev = evaluator(a, b, reg, 16, false);
      for (double[] x : points()) {
        Derivatives der = derivativesAt(ev, x);
        double[] g = trueGradient(der);
        double scale = maxAbs(g);
        for (int j = 0; j < D; j++) {
          double h = 1e-5 * Math.max(1.0, Math.abs(x[j]));
          double[] xp = x.clone();
          double[] xm = x.clone();
          xp[j] += h;
          xm[j] -= h;
          double fd = (regularisedReference(a, b, xp, reg) - regularisedReference(a, b, xm, reg)) / (2 * h);
          assertTrue(Math.abs(fd - g[j]) <= Tolerances.FINITE_DIFFERENCE * Math.max(scale, 1e-8),
              family().id() + " gradient[" + j + "] at " + java.util.Arrays.toString(x) + ", " + reg
                  + ": exact " + g[j] + ", finite difference " + fd);
        }
      }
    }
  }

  @Test
  void hessianColumnsMatchDifferencesOfTheGradient() {
    double[][] a = matrix(13);
    double[] b = targets(a, 13);
    for (RegCase reg : regularizers()) {
      LocalEvaluator ev = evaluator(a, b, reg, 16, false);
      for (double[] x : points()) {
        Derivatives der = derivativesAt(ev, x);
        double[] hess = trueHessian(der);
        double scale = maxAbs(hess);
        for (int j = 0; j < D; j++) {
          double h = 1e-5 * Math.max(1.0, Math.abs(x[j]));
          double[] xp = x.clone();
          double[] xm = x.clone();
          xp[j] += h;
          xm[j] -= h;
          double[] gp = trueGradient(derivativesAt(ev, xp));
          double[] gm = trueGradient(derivativesAt(ev, xm));
          for (int i = 0; i < D; i++) {
            double fd = (gp[i] - gm[i]) / (2 * h);
            assertTrue(Math.abs(fd - hess[i * D + j]) <= Tolerances.FINITE_DIFFERENCE * Math.max(scale, 1e-8),
                family().id() + " Hessian[" + i + "," + j + "] at " + java.util.Arrays.toString(x) + ", " + reg
                    + ": exact " + hess[i * D + j] + ", finite difference " + fd);
          }
        }
      }
    }
  }

  @Test
  void resultsDoNotDependOnBlockingLayoutOrPartitioning() {
    double[][] a = matrix(14);
    double[] b = targets(a, 14);
    double[] x = points()[1];
    for (RegCase reg : List.of(new RegCase(new Regularizer(0.02, 0.001), null),
        new RegCase(new Regularizer(1.0, 0.001), RandomProblems.rowWeights2(N, 0.04, 6)))) {
      Derivatives reference = derivativesAt(evaluator(a, b, reg, N, false), x);
      for (int blockRows : new int[] {1, 7, 64}) {
        for (boolean sparse : new boolean[] {false, true}) {
          Derivatives other = derivativesAt(evaluator(a, b, reg, blockRows, sparse), x);
          String what = family().id() + " with blocks of " + blockRows + (sparse ? " (sparse)" : " (dense)") + ", "
              + reg;
          assertClose(reference.loss(), other.loss(), Tolerances.REORDERED_SUM, what + ": loss");
          assertArrayClose(trueGradient(reference), trueGradient(other), Tolerances.REORDERED_SUM, what + ": gradient");
          assertArrayClose(trueHessian(reference), trueHessian(other), Tolerances.REORDERED_SUM, what + ": Hessian");
        }
      }
    }
  }

  @Test
  void extremeMarginsMergeWithoutOverflow() {
    double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 15);
    double[] b = targets(a, 15);
    double[] x = RandomProblems.gaussianVector(D, 1.0, 16);
    double maxZ = 0.0;
    for (double[] row : a) {
      maxZ = Math.max(maxZ, Math.abs(RandomProblems.dot(row, x)));
    }
    for (int j = 0; j < D; j++) {
      x[j] *= extremeMargin() / maxZ;
    }
    LocalEvaluator partitioned = evaluator(a, b, Regularizer.NONE, RandomProblems.partitions(a, b, 5, false));
    double[] z = new double[N];
    for (int i = 0; i < N; i++) {
      z[i] = RandomProblems.dot(a[i], x);
    }
    double expected = referenceLoss(z, b);
    assertTrue(Double.isFinite(expected), "reference loss must be finite at the extreme point");
    assertClose(expected, partitioned.values(LineBatch.at(x), 0)[0].loss(), 1e-12, family().id() + " value at |z| = " + extremeMargin());
    Derivatives der = derivativesAt(partitioned, x);
    assertClose(expected, der.loss(), 1e-12, family().id() + " derivative-pass loss at |z| = " + extremeMargin());
    assertTrue(java.util.Arrays.stream(der.gradient()).allMatch(Double::isFinite), "finite gradient");
    assertTrue(java.util.Arrays.stream(der.hessian()).allMatch(Double::isFinite), "finite Hessian");
    Derivatives single = derivativesAt(evaluator(a, b, Regularizer.NONE, List.of(RandomProblems.oneBlock(a, b, false))), x);
    assertArrayClose(trueGradient(single), trueGradient(der), 1e-12, family().id() + " gradient, 12 partitions vs 1");
  }

  /**
   * A fused pass (values along a line and the derivatives at its full step, taken with the globals
   * of the line's base point and corrected) gives the loss and gradient of the separate value and
   * derivative passes at that point, for every regulariser, dense and sparse, over 1, 3 and 8
   * partitions; its values are those of a plain value pass, bit for bit; its Hessian differs by the
   * order of the step only; and the derivative part on its own (what a resume runs) repeats it
   * exactly.
   */
  @Test
  void fusedPassGivesTheLossAndGradientOfTheSeparatePasses() {
    double[][] a = matrix(18);
    double[] b = targets(a, 18);
    double[] direction = RandomProblems.gaussianVector(D, 0.005, 19);
    for (RegCase reg : regularizers()) {
      for (int blockRows : new int[] {N, 20, 8}) {
        for (boolean sparse : new boolean[] {false, true}) {
          List<List<RowBlock>> parts = reg.partitions(a, b, blockRows, sparse);
          LocalEvaluator ev = evaluator(a, b, reg.reg(), parts);
          for (double[] base : nonZeroPoints()) {
            String what = family().id() + " from " + java.util.Arrays.toString(base) + ", " + reg + ", "
                + parts.size() + " partitions" + (sparse ? " (sparse)" : " (dense)");
            LineBatch batch = new LineBatch(base, direction, new double[] {1.0, 0.5});
            Globals predicted = ev.values(LineBatch.at(base), 0)[0].globals();
            FusedAggregate.Result fused = ev.valuesAndDerivatives(batch, 0, predicted, 0, new ExactCurvature());
            EvaluatedPoint[] plain = ev.values(batch, 0);
            for (int k = 0; k < plain.length; k++) {
              assertEquals(plain[k].loss(), fused.points()[k].loss(), what + ": value at step " + k);
            }
            double[] x = batch.point(0);
            Derivatives separate = derivativesAt(ev, x);
            assertTrue(fused.derivatives() != null, what + ": the correction was refused");
            assertClose(separate.loss(), fused.derivatives().loss(), 1e-13, what + ": loss");
            assertArrayClose(trueGradient(separate), trueGradient(fused.derivatives()), 1e-13, what + ": gradient");
            assertArrayClose(trueHessian(separate), trueHessian(fused.derivatives()), 0.05, what + ": Hessian");
            Derivatives repeated = ev.correctedDerivatives(x, predicted, fused.points()[0].globals(), 1,
                new ExactCurvature());
            assertEquals(java.util.Arrays.toString(fused.derivatives().gradient()),
                java.util.Arrays.toString(repeated.gradient()), what + ": repeated gradient");
            assertEquals(java.util.Arrays.toString(fused.derivatives().hessian()),
                java.util.Arrays.toString(repeated.hessian()), what + ": repeated Hessian");
          }
        }
      }
    }
  }

  /**
   * The globals as numbers that do not depend on the pass's shift (the rescaled families' are
   * relative to it), so that globals of different points compare.
   */
  protected double[] comparable(Globals g) {
    return g.values();
  }

  /** The globals' slope from a derivative pass matches central differences of the value pass's globals. */
  @Test
  void globalsSlopeMatchesCentralDifferences() {
    double[][] a = matrix(21);
    double[] b = targets(a, 21);
    LocalEvaluator ev = evaluator(a, b, Regularizer.NONE, RandomProblems.partitions(a, b, 16, false));
    for (double[] x : nonZeroPoints()) {
      GlobalsSlope slope = derivativesAt(ev, x).globalsSlope();
      for (int j = 0; j < D; j++) {
        double h = 1e-5;
        double[] dx = new double[D];
        dx[j] = h;
        double[] xp = x.clone();
        double[] xm = x.clone();
        xp[j] += h;
        xm[j] -= h;
        double[] up = comparable(ev.values(LineBatch.at(xp), 0)[0].globals());
        double[] down = comparable(ev.values(LineBatch.at(xm), 0)[0].globals());
        double[] predictedUp = comparable(slope.along(dx));
        double[] predictedDown = comparable(slope.along(Vectors.scaled(-1.0, dx)));
        for (int k = 0; k < up.length; k++) {
          double fd = (up[k] - down[k]) / (2 * h);
          double exact = (predictedUp[k] - predictedDown[k]) / (2 * h);
          double scale = Math.max(Math.abs(fd), Math.abs(up[k]));
          assertTrue(Math.abs(fd - exact) <= Tolerances.FINITE_DIFFERENCE * Math.max(scale, 1e-8),
              family().id() + " globals[" + k + "] slope along x" + j + " at " + java.util.Arrays.toString(x)
                  + ": exact " + exact + ", finite difference " + fd);
        }
      }
    }
  }

  /** The test points but x = 0, where rescaled sinh's normaliser α vanishes and no relative correction exists. */
  private double[][] nonZeroPoints() {
    return java.util.Arrays.stream(points()).filter(x -> java.util.Arrays.stream(x).anyMatch(v -> v != 0.0))
        .toArray(double[][]::new);
  }

  /** With the exact globals as the prediction the correction changes nothing: the ordinary pass, bit for bit. */
  @Test
  void fusedPassWithExactGlobalsIsTheOrdinaryDerivativePass() {
    double[][] a = matrix(20);
    double[] b = targets(a, 20);
    LocalEvaluator ev = evaluator(a, b, Regularizer.NONE, RandomProblems.partitions(a, b, 7, false));
    for (double[] x : points()) {
      Globals exact = ev.values(LineBatch.at(x), 0)[0].globals();
      Derivatives ordinary = ev.derivatives(x, exact, 0, new ExactCurvature());
      Derivatives corrected = ev.correctedDerivatives(x, exact, exact, 0, new ExactCurvature());
      assertEquals(ordinary.loss(), corrected.loss(), family().id() + ": loss");
      assertEquals(java.util.Arrays.toString(ordinary.gradient()), java.util.Arrays.toString(corrected.gradient()),
          family().id() + ": gradient");
    }
  }

  protected static double[] trueGradient(Derivatives der) {
    double s = Math.exp(der.logScale());
    return java.util.Arrays.stream(der.gradient()).map(v -> v * s).toArray();
  }

  protected static double[] trueHessian(Derivatives der) {
    double s = Math.exp(der.logScale());
    return java.util.Arrays.stream(der.hessian()).map(v -> v * s).toArray();
  }

  protected static double maxAbs(double[] v) {
    double m = 0.0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }

  protected static void assertClose(double expected, double actual, double relTol, String what) {
    double err = Math.abs(expected - actual);
    assertTrue(err <= relTol * Math.max(Math.abs(expected), 1e-300),
        what + ": expected " + expected + ", got " + actual + " (relative error " + err / Math.abs(expected) + ")");
  }

  protected static void assertArrayClose(double[] expected, double[] actual, double relTol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = maxAbs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(expected[i] - actual[i]) <= relTol * scale,
          what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (scale " + scale + ")");
    }
  }
}
