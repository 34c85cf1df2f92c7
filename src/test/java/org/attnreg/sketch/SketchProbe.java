package org.attnreg.sketch;

import java.util.Arrays;
import java.util.List;
import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;

/**
 * Not a test: a measurement main, run by hand, that prints the achieved spectral ε of each sketch
 * kind over seeds (used to calibrate {@link SketchSize} and reported in the docs).
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.attnreg.sketch.SketchProbe}
 */
public final class SketchProbe {
  private SketchProbe() {}

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "embedding";
    if (mode.equals("contraction")) {
      contraction();
    } else if (mode.equals("iterations")) {
      iterations();
    } else {
      embedding(args.length > 1 ? Integer.parseInt(args[1]) : 50);
    }
  }

  /** Per-step contraction of sketched Newton in the papers' setting, for several seeds. */
  private static void contraction() {
    for (double eps : new double[] {0.5, 0.25}) {
      for (String kind : Sketches.KINDS) {
        StringBuilder line = new StringBuilder(String.format("eps=%.2f %-12s", eps, kind));
        for (long seed = 45; seed < 48; seed++) {
          List<Double> q = SketchConvergenceTest.contractions(Sketches.create(kind, 0, eps, seed), seed);
          line.append(" |");
          q.forEach(v -> line.append(String.format(" %.3f", v)));
        }
        System.out.println(line);
      }
    }
  }

  /** Newton iterations to the default tolerance on a planted softmax instance, exact vs sketched. */
  private static void iterations() {
    int d = 10;
    for (long seed = 41; seed < 44; seed++) {
      double[][] a = org.attnreg.testkit.RandomProblems.gaussianRows(8000, d, 1.0, seed);
      double[] xStar = org.attnreg.testkit.RandomProblems.gaussianVector(d, 1.0, seed + 100);
      double[] b = org.attnreg.testkit.RandomProblems.plantedTargets(
          org.attnreg.problem.SoftmaxRegression.softmax(), a, xStar);
      org.attnreg.solver.LocalEvaluator ev = new org.attnreg.solver.LocalEvaluator(new org.attnreg.stats.Problem(
          org.attnreg.problem.SoftmaxRegression.softmax(), org.attnreg.problem.Regularizer.NONE, d),
          org.attnreg.testkit.RandomProblems.partitions(a, b, 1000, false));
      StringBuilder line = new StringBuilder("seed " + seed + ": exact ");
      line.append(new org.attnreg.solver.NewtonSolver(org.attnreg.solver.SolverConfig.defaults())
          .solve(ev, new double[d], org.attnreg.solver.IterationListener.NONE).iterations());
      for (String kind : Sketches.KINDS) {
        for (double eps : new double[] {0.5, 0.25}) {
          org.attnreg.solver.SolveResult r = new org.attnreg.solver.NewtonSolver(
              org.attnreg.solver.SolverConfig.defaults(), Sketches.create(kind, 0, eps, seed))
              .solve(ev, new double[d], org.attnreg.solver.IterationListener.NONE);
          line.append(String.format(", %s eps=%.2f %d (%s)", kind, eps, r.iterations(), r.status()));
        }
      }
      System.out.println(line);
    }
  }

  private static void embedding(int seeds) {
    int n = 4000;
    for (int d : new int[] {10, 20}) {
      double[][] a = SketchTestkit.unevenRows(n, d, 5, 11 + d);
      double[] h = SketchTestkit.positiveWeights(n, 7);
      double[] exact = SketchTestkit.exactGram(a, h);
      List<List<RowBlock>> parts = SketchTestkit.partitions(a, 512, 3, false);
      for (double eps : new double[] {0.5, 0.25}) {
        for (String kind : Sketches.KINDS) {
          if (kind.equals("gaussian") && eps < 0.5 || kind.equals("gauss-newton")) {
            continue; // gauss-newton sketches (JA)ᵀ(JA), not Aᵀ diag(h) A: SketchGaussNewtonTest measures it
          }
          double[] errors = new double[seeds];
          long kept = 0;
          for (int s = 0; s < seeds; s++) {
            Curvature c = Sketches.create(kind, 0, eps, 1000 + s);
            if (c instanceof LeverageSampler lev) {
              c = lev.withScoresFrom(exact, d);
            }
            Curvature.Accumulator acc = SketchTestkit.accumulate(c, d, 1, parts, h);
            errors[s] = SketchTestkit.spectralError(exact, acc.gram(), d);
            kept += acc.rowsKept();
          }
          Arrays.sort(errors);
          System.out.printf("d=%d eps=%.2f %-12s rows=%6d  achieved eps: median %.3f  90%% %.3f  max %.3f  (fraction <= eps: %.2f)%n",
              d, eps, kind, kept / seeds, errors[seeds / 2], errors[(int) (0.9 * seeds) - 1], errors[seeds - 1],
              Arrays.stream(errors).filter(e -> e <= eps).count() / (double) seeds);
        }
      }
    }
  }
}
