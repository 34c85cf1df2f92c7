package org.attnreg.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Gauss–Newton sketch: exact where every partition fits its sketch, an unbiased (1±ε)
 * approximation of {@code (JA)ᵀ(JA)} where it does not, and reproducible for one partitioning.
 */
class SketchGaussNewtonTest {
  private static final int D = 10;
  /** Rows per partition sketch that no test partition exceeds: the sketch is then exact. */
  private static final int WHOLE = 100_000;

  @ParameterizedTest
  @MethodSource("families")
  void isTheExactHessianAtAnExactFit(String id) {
    LossFamily family = LossFamilies.byId(id);
    double[][] a = RandomProblems.gaussianRows(1200, D, 1.0, 3);
    double[] xStar = RandomProblems.gaussianVector(D, 0.5, 4);
    LocalEvaluator ev = new LocalEvaluator(new Problem(family, Regularizer.NONE, D),
        grouped(RandomProblems.partitions(a, RandomProblems.plantedTargets(family, a, xStar), 100, false), 3));
    double[] gn = derivatives(ev, xStar, new GaussNewtonSketch(SketchSize.ofRows(WHOLE), 1)).hessian();
    double[] exact = derivatives(ev, xStar, new ExactCurvature()).hessian();
    assertTrue(SketchTestkit.maxAbsDifference(gn, exact) <= 1e-9 * SketchTestkit.maxAbs(exact),
        id + ": at r = 0 the Gauss–Newton matrix is the Hessian; max difference "
            + SketchTestkit.maxAbsDifference(gn, exact));
  }

  static List<String> families() {
    return LossFamilies.ids();
  }

  @Test
  void isTheGramOfTheSoftmaxJacobianRowsAwayFromTheOptimum() {
    SoftmaxCase c = SoftmaxCase.of(5);
    LocalEvaluator ev = c.evaluator();
    double[] x = c.x();
    double[] gn = derivatives(ev, x, new GaussNewtonSketch(SketchSize.ofRows(WHOLE), 1)).hessian();
    double[] reference = softmaxGaussNewton(c.a(), x);
    assertTrue(SketchTestkit.maxAbsDifference(gn, reference) <= 1e-10 * SketchTestkit.maxAbs(reference),
        "max difference " + SketchTestkit.maxAbsDifference(gn, reference));
    double[] exact = derivatives(ev, x, new ExactCurvature()).hessian();
    assertTrue(SketchTestkit.maxAbsDifference(gn, exact) > 1e-3 * SketchTestkit.maxAbs(exact),
        "away from an exact fit the residual term must show");
  }

  /**
   * A fused pass takes the sketch's rows with globals predicted from the previous iterate; the
   * pieces are of degree two in the Jacobian's rows, which a softmax normaliser scales uniformly, so
   * the corrected pass is the sketch at the exact globals (the same S) however far off α̃ was,
   * while the exact Gram, which keeps the predicted Hessian weights, refuses a correction that far.
   */
  @Test
  void aFusedPassWithFarPredictedGlobalsGivesTheSketchAtTheExactGlobals() {
    SoftmaxCase c = SoftmaxCase.of(15);
    LocalEvaluator ev = c.evaluator();
    double[] x = c.x();
    Curvature sketch = new GaussNewtonSketch(SketchSize.ofRows(40), 1); // 40 of each partition's 300 rows: random
    SoftmaxRegression.Normalisers exact = (SoftmaxRegression.Normalisers) ev.values(LineBatch.at(x), 0)[0].globals();
    for (double off : new double[] {-0.9, -0.3, 0.02, 0.6, 0.95}) {
      Globals predicted = new SoftmaxRegression.Normalisers(exact.logAlpha() + off, exact.kappa() * (1 + off));
      Derivatives fresh = ev.derivatives(x, exact, 2, sketch);
      Derivatives fused = ev.correctedDerivatives(x, predicted, exact, 2, sketch);
      assertNotNull(fused, "log α̃/α = " + off + " is corrected");
      assertTrue(SketchTestkit.maxAbsDifference(fused.gradient(), fresh.gradient())
          <= 1e-12 * SketchTestkit.maxAbs(fresh.gradient()), "gradient, log α̃/α = " + off);
      assertTrue(SketchTestkit.maxAbsDifference(fused.hessian(), fresh.hessian())
          <= 1e-12 * SketchTestkit.maxAbs(fresh.hessian()), "sketched Hessian, log α̃/α = " + off + ": max difference "
          + SketchTestkit.maxAbsDifference(fused.hessian(), fresh.hessian()));
      if (Math.abs(off) > 0.05) {
        assertNull(ev.correctedDerivatives(x, predicted, exact, 2, new ExactCurvature()),
            "the exact Gram keeps the predicted weights: refused at log α̃/α = " + off);
      }
    }
    Globals tooFar = new SoftmaxRegression.Normalisers(exact.logAlpha() + 1.5, exact.kappa());
    assertNull(ev.correctedDerivatives(x, tooFar, exact, 2, sketch), "beyond e^{±1} a fresh pass is taken");
  }

  static Stream<Arguments> layouts() {
    return Stream.of(1, 3, 8).flatMap(p -> Stream.of(Arguments.of(p, false), Arguments.of(p, true)));
  }

  /**
   * Over many seeds, each sketch is within ε of {@code (JA)ᵀ(JA)} spectrally, and their mean is far
   * closer (unbiased): rows with norms spread over two orders of magnitude and heavy rows ×50.
   */
  @ParameterizedTest
  @MethodSource("layouts")
  void approximatesTheGaussNewtonMatrixWithoutBias(int partitions, boolean sparse) {
    int n = 4000;
    double[][] a = SketchTestkit.unevenRows(n, D, 4, 8);
    for (double[] row : a) {
      for (int j = 0; j < D; j++) {
        row[j] *= 0.05; // softmax weights spread over rows, not a few dominant ones
      }
    }
    double[] b = RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a, RandomProblems.gaussianVector(D, 1, 9));
    double[] x = RandomProblems.gaussianVector(D, 1.0, 10);
    LocalEvaluator ev = new LocalEvaluator(new Problem(SoftmaxRegression.softmax(), Regularizer.NONE, D),
        grouped(RandomProblems.partitions(a, b, 250, sparse), partitions));
    Globals globals = ev.values(LineBatch.at(x), 0)[0].globals();
    double[] reference = ev.derivatives(x, globals, 0, new GaussNewtonSketch(SketchSize.ofRows(WHOLE), 1)).hessian();
    int seeds = 40;
    double[] mean = new double[D * D];
    double worst = 0.0;
    for (int seed = 0; seed < seeds; seed++) {
      Derivatives sketched = ev.derivatives(x, globals, 0, Sketches.create("gauss-newton", 0, 0.5, 100 + seed));
      assertTrue(sketched.rowsKept() == (long) partitions * 50, "m = 5d rows per partition: " + sketched.rowsKept());
      worst = Math.max(worst, SketchTestkit.spectralError(reference, sketched.hessian(), D));
      double[] cholesky = sketched.hessian().clone();
      org.netlib.util.intW info = new org.netlib.util.intW(0);
      org.attnreg.linalg.Blas.lapack().dpotrf("L", D, cholesky, D, info);
      assertTrue(info.val == 0, "a Gauss–Newton sketch is positive definite (seed " + seed + ")");
      for (int j = 0; j < mean.length; j++) {
        mean[j] += sketched.hessian()[j] / seeds;
      }
    }
    double ofMean = SketchTestkit.spectralError(reference, mean, D);
    // A Gaussian m-row embedding of d dimensions stays within (1 + √(d/m) + t/√m)² − 1 but for e^{-t²/2}.
    double bound = Math.pow(1.0 + Math.sqrt(D / 50.0) + 3.0 / Math.sqrt(50.0), 2) - 1.0;
    assertTrue(worst < bound, "every sketch within the m = 5d embedding bound " + bound + ": worst " + worst);
    assertTrue(ofMean < 0.3 * worst, "the mean of " + seeds + " sketches is much closer: " + ofMean + " vs " + worst);
  }

  @Test
  void theSamePartitioningGivesTheSameBitsAndShipsOnlyFoldedPieces() throws Exception {
    double[][] a = RandomProblems.gaussianRows(3000, D, 1.0, 11);
    double[] b = RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a, RandomProblems.gaussianVector(D, 1, 12));
    double[] x = RandomProblems.gaussianVector(D, 1.0, 13);
    Problem problem = new Problem(SoftmaxRegression.softmax(), Regularizer.NONE, D);
    List<List<RowBlock>> parts = grouped(RandomProblems.partitions(a, b, 300, false), 3);
    Globals globals = new LocalEvaluator(problem, parts).values(LineBatch.at(x), 0)[0].globals();
    Curvature c = Sketches.create("gauss-newton", 0, 0.5, 14);
    double[] local = fold(problem, parts, x, globals, c, false).finish(x).hessian();
    double[] shipped = fold(problem, parts, x, globals, c, true).finish(x).hessian();
    assertArrayEquals(local, shipped, 0.0, "a task's serialised partial must equal its local fold");
    assertArrayEquals(local, fold(problem, parts, x, globals, c, false).finish(x).hessian(), 0.0, "a rerun");
    double[] otherSeed = fold(problem, parts, x, globals, Sketches.create("gauss-newton", 0, 0.5, 15), false)
        .finish(x).hessian();
    assertFalse(Arrays.equals(local, otherSeed), "another seed draws another sketch");
    double[] otherIteration = new LocalEvaluator(problem, parts).derivatives(x, globals, 1, c).hessian();
    assertFalse(Arrays.equals(local, otherIteration), "each iteration draws a fresh sketch");
  }

  /** Each partition folded into its own aggregate (optionally serialised, as a task's result), merged in order. */
  private static DerivativeAggregate fold(Problem problem, List<List<RowBlock>> parts, double[] x, Globals globals,
      Curvature c, boolean serialise) throws Exception {
    DerivativeAggregate total = problem.emptyDerivative(globals, 0, c);
    for (List<RowBlock> part : parts) {
      DerivativeAggregate partial = problem.emptyDerivative(globals, 0, c);
      for (RowBlock block : part) {
        partial.add(block, x);
      }
      if (serialise) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
          out.writeObject(partial);
        }
        assertTrue(bytes.size() < 8 * (D * D + 4 * D) + 4096, "ships d×d pieces, not m×d: " + bytes.size() + " bytes");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
          partial = (DerivativeAggregate) in.readObject();
        }
      }
      total.merge(partial);
    }
    return total;
  }

  private static Derivatives derivatives(LocalEvaluator ev, double[] x, Curvature c) {
    return ev.derivatives(x, ev.values(LineBatch.at(x), 0)[0].globals(), 0, c);
  }

  /** 900 planted softmax rows in three partitions and a point x away from the optimum, from three seeds. */
  private record SoftmaxCase(double[][] a, double[] x, LocalEvaluator evaluator) {
    static SoftmaxCase of(long seed) {
      double[][] a = RandomProblems.gaussianRows(900, D, 1.0, seed);
      double[] b = RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a,
          RandomProblems.gaussianVector(D, 1, seed + 1));
      return new SoftmaxCase(a, RandomProblems.gaussianVector(D, 1.0, seed + 2),
          new LocalEvaluator(new Problem(SoftmaxRegression.softmax(), Regularizer.NONE, D),
              grouped(RandomProblems.partitions(a, b, 100, false), 3)));
    }
  }

  /** Single-block partitions dealt round-robin into {@code count} partitions. */
  static List<List<RowBlock>> grouped(List<List<RowBlock>> blocks, int count) {
    List<List<RowBlock>> parts = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      parts.add(new ArrayList<>());
    }
    for (int k = 0; k < blocks.size(); k++) {
      parts.get(k % count).addAll(blocks.get(k));
    }
    return parts;
  }

  /** {@code (JA)ᵀ(JA)} with {@code J = diag(f) − f fᵀ}, f = softmax(Ax), summed plainly. */
  private static double[] softmaxGaussNewton(double[][] a, double[] x) {
    int n = a.length;
    double[] f = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      f[i] = RandomProblems.dot(a[i], x);
      max = Math.max(max, f[i]);
    }
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      f[i] = Math.exp(f[i] - max);
      sum += f[i];
    }
    double[] fa = new double[D];
    for (int i = 0; i < n; i++) {
      f[i] /= sum;
      for (int j = 0; j < D; j++) {
        fa[j] += f[i] * a[i][j];
      }
    }
    double[] g = new double[D * D];
    double[] row = new double[D];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j++) {
        row[j] = f[i] * a[i][j] - f[i] * fa[j];
      }
      for (int j = 0; j < D; j++) {
        for (int k = 0; k < D; k++) {
          g[j * D + k] += row[j] * row[k];
        }
      }
    }
    return g;
  }
}
