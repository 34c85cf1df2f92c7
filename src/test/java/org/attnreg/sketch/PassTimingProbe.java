package org.attnreg.sketch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;

/**
 * Not a test: a measurement main, run by hand, that times one softmax derivative pass (single
 * thread, {@link LocalEvaluator}, dense blocks) with the exact Gram and with each sketch, at
 * d = 32, 128, 512. Arguments: {@code rows-for-d32 [d...]}; rows shrink as 1/d to keep the data size fixed.
 */
public final class PassTimingProbe {
  private static final boolean NEAR = !"far".equals(System.getProperty("probe.point"));

  private PassTimingProbe() {}

  public static void main(String[] args) {
    long rowsAt32 = args.length > 0 ? Long.parseLong(args[0]) : 400_000;
    int[] dims = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {32, 128, 512};
    for (int d : dims) {
      int n = (int) (rowsAt32 * 32 / d);
      double[][] a = RandomProblems.gaussianRows(n, d, 1.0, d);
      double[] x = RandomProblems.gaussianVector(d, 1.0, d + 1);
      double[] b = RandomProblems.plantedTargets(SoftmaxRegression.softmax(), a, x);
      List<RowBlock> blocks = new java.util.ArrayList<>();
      RandomProblems.partitions(a, b, 2048, false).forEach(blocks::addAll);
      a = null;
      LocalEvaluator ev = LocalEvaluator.of(new Problem(SoftmaxRegression.softmax(), Regularizer.NONE, d), blocks);
      // "near" (default): x* + 1 % noise, where few rows have h_i < 0; "far": an unrelated point.
      double[] x0 = RandomProblems.gaussianVector(d, NEAR ? 0.01 : 0.8, d + 2);
      for (int j = 0; NEAR && j < d; j++) {
        x0[j] += x[j];
      }
      EvaluatedPoint at = ev.values(LineBatch.at(x0), 0)[0];
      Derivatives exact = ev.derivatives(x0, at.globals(), 0, new ExactCurvature());
      long t0 = System.nanoTime();
      Curvature leverage = new LeverageSampler(SketchSize.ofEpsilon(0.5), 1).after(exact);
      double driver = (System.nanoTime() - t0) * 1e-9;
      Map<String, Curvature> kinds = new LinkedHashMap<>();
      kinds.put("exact", new ExactCurvature());
      kinds.put("leverage eps=0.5", leverage);
      kinds.put("sparse-sign eps=0.5", new SparseSignSketch(SketchSize.ofEpsilon(0.5), 1));
      kinds.put("sparse-sign m=4d", new SparseSignSketch(SketchSize.ofRows(4 * d), 1));
      if ((long) n * d <= 20_000_000L) { // the dense Gaussian reference costs O(m·nnz): small cases only
        kinds.put("gaussian m=4d", new GaussianSketch(SketchSize.ofRows(4 * d), 1));
      }
      System.out.printf("d=%d n=%d %s (leverage driver-side scores: %.3f s)%n", d, n, NEAR ? "near x*" : "far",
          driver);
      for (Map.Entry<String, Curvature> e : kinds.entrySet()) {
        double[] times = new double[3];
        long kept = 0;
        for (int rep = 0; rep < times.length; rep++) {
          long start = System.nanoTime();
          kept = ev.derivatives(x0, at.globals(), rep + 1, e.getValue()).rowsKept();
          times[rep] = (System.nanoTime() - start) * 1e-9;
        }
        Arrays.sort(times);
        System.out.printf("  %-20s %8.3f s/pass (min %.3f)  rows kept %d%n", e.getKey(), times[1], times[0], kept);
      }
    }
  }
}
