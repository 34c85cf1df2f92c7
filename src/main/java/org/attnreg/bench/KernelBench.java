package org.attnreg.bench;

import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attnreg.linalg.GramKernel;
import org.attnreg.linalg.GramKernelKind;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.linalg.GramScratch;

/**
 * Single-thread GFLOP/s of every dense Gram kernel on one in-cache block (the block size the passes
 * use), signed weights included: the scalar reference, the Vector-API tiled kernel, native
 * {@code dsyrk} when netlib loaded it, and netlib's Java {@code dgemm("T","N")} on a feature-major
 * copy (the best pure-Java BLAS route). Useful flops are {@code n·d·(d+1)} (the lower triangle).
 */
record KernelBench(Results results, int reps, double minSeconds) {
  void run(int[] dims) {
    for (int d : dims) {
      int n = org.attnreg.linalg.BlockBuilder.defaultBlockRows(d);
      double[] a = randomArray(n * d, d);
      double[] h = randomArray(n, d + 1); // signed, like the Hessian weights of a non-convex family
      for (Candidate c : candidates()) {
        Timing t = measure(c, a, n, d, h);
        double flops = (double) n * d * (d + 1);
        results.add("kernels", "gram " + c.name, "d=" + d, "GFLOP/s (median)", flops / t.median() * 1e-9);
        results.add("kernels", "gram " + c.name, "d=" + d, "GFLOP/s (best)", flops / t.min() * 1e-9);
      }
    }
  }

  private Timing measure(Candidate c, double[] a, int n, int d, double[] h) {
    double[] gram = new double[d * d];
    GramScratch scratch = new GramScratch();
    Runnable once = () -> c.kernel.addLower(a, n, d, h, gram, scratch);
    once.run();
    long t0 = System.nanoTime();
    int calls = 1;
    // Warm up (C2 must compile the Vector-API loops before they run at speed) and size one repetition.
    while (System.nanoTime() - t0 < minSeconds * 1e9) {
      once.run();
      calls++;
    }
    int perRep = Math.max(1, calls / 3);
    Timing total = Timing.of(0, reps, () -> {
      for (int k = 0; k < perRep; k++) {
        once.run();
      }
    });
    double[] perCall = new double[total.reps()];
    for (int k = 0; k < perCall.length; k++) {
      perCall[k] = total.seconds()[k] / perRep;
    }
    return new Timing(perCall);
  }

  private record Candidate(String name, GramKernel kernel) {}

  private static List<Candidate> candidates() {
    List<Candidate> out = new ArrayList<>();
    for (GramKernelKind kind : List.of(GramKernelKind.SCALAR, GramKernelKind.VECTOR, GramKernelKind.NATIVE)) {
      if (GramKernelLoader.SYSTEM.available(kind)) {
        GramKernel kernel = GramKernelLoader.SYSTEM.load(kind);
        out.add(new Candidate(kernel.name(), kernel));
      }
    }
    out.add(new Candidate("netlib-java-dgemm-TN", new JavaDgemmGram()));
    return out;
  }

  /** The feature-major {@code dgemm("T","N")} route through netlib's pure-Java BLAS, for comparison. */
  private static final class JavaDgemmGram implements GramKernel {
    private double[] plain = new double[0];
    private double[] weighted = new double[0];

    @Override
    public void addLower(double[] a, int n, int d, double[] h, double[] gram, GramScratch scratch) {
      if (plain.length < n * d) {
        plain = new double[n * d];
        weighted = new double[n * d];
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          double v = a[i * d + j];
          plain[j * n + i] = v;
          weighted[j * n + i] = h[i] * v;
        }
      }
      JavaBLAS.getInstance().dgemm("T", "N", d, d, n, 1.0, plain, n, weighted, n, 1.0, gram, d);
    }

    @Override
    public String name() {
      return "netlib-java-dgemm-TN";
    }
  }

  static double[] randomArray(int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[size];
    for (int k = 0; k < size; k++) {
      v[k] = rnd.nextDouble() * 2.0 - 1.0;
    }
    return v;
  }
}
