package org.attnreg.bench;

import java.util.List;

/**
 * The sizes one bench run measures. {@link #standard} fits a 2-core, 24 GiB machine in about a
 * quarter of an hour; {@code scale} multiplies every row count; {@link #smoke} is a smoke run of
 * seconds (tiny sizes, two repetitions) whose figures mean nothing but whose files are complete.
 *
 * @param reps timed repetitions of every per-pass figure (after one warm-up)
 * @param kernelDims d of the single-thread Gram kernel comparison
 * @param streamDoubles doubles per array of the STREAM-like bandwidth test
 * @param passShapes (n, d) of the pass-versus-bound comparison
 * @param glrRows n of the GLR comparison (d = {@link #glrDim})
 * @param glrDim d of the GLR and L-BFGS comparisons
 * @param lbfgsRows n of the L-BFGS comparison
 * @param sketchCases the instances of the exact-versus-auto comparison
 * @param scalingRows n of the scaling sweep (d = {@link #scalingDim})
 * @param scalingDim d of the scaling sweeps
 * @param partitionRows n of the partition sweep
 * @param partitionCounts partition counts of the partition sweep
 * @param quick whether this is the smoke run
 */
public record BenchPlan(int reps, int[] kernelDims, int streamDoubles, List<long[]> passShapes, long[] glrRows,
    int glrDim, long lbfgsRows, List<SketchCase> sketchCases, long[] scalingRows, int scalingDim,
    long partitionRows, int[] partitionCounts, boolean quick) {

  /**
   * One instance of the sketch section: a planted {@code family} instance of n rows and d columns,
   * with additive target noise σ (a non-zero residual), the density of A (1 for dense rows) and the
   * speed-up {@code exact ÷ auto} its target asks for.
   */
  public record SketchCase(String family, long n, int d, double noise, double density, double target) {
    String setting() {
      return family + " n=" + n + " d=" + d + (density < 1.0 ? " density=" + density : " dense")
          + (noise > 0.0 ? " σ=" + noise : "");
    }
  }

  public BenchPlan {
    if (reps < 1) {
      throw new IllegalArgumentException("--reps must be ≥ 1: " + reps);
    }
  }

  /** The default run, every row count multiplied by {@code scale}. */
  public static BenchPlan standard(double scale, int reps) {
    if (!(scale > 0.0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("--scale must be positive: " + scale);
    }
    return new BenchPlan(reps, new int[] {32, 128, 512}, 1 << 25,
        List.of(new long[] {rows(4e6, scale), 32}, new long[] {rows(2e6, scale), 128}),
        new long[] {rows(1e6, scale), rows(4e6, scale)}, 32, rows(1e6, scale),
        List.of(new SketchCase("softmax", rows(2e5, scale), 512, 0.0, 1.0, 3.0),
            new SketchCase("softmax", rows(1e5, scale), 1024, 0.0, 1.0, 4.0),
            new SketchCase("exp", rows(2e5, scale), 512, 0.05, 1.0, 2.0),
            new SketchCase("softmax", rows(1e6, scale), 32, 0.0, 1.0, 0.87),
            new SketchCase("softmax", rows(1e6, scale), 2048, 0.0, 0.01, Double.NaN)),
        new long[] {rows(1e5, scale), rows(3e5, scale), rows(1e6, scale),
            rows(3e6, scale), rows(1e7, scale)}, 16, rows(2e6, scale), new int[] {2, 4, 8, 16, 32}, false);
  }

  /** Seconds-long smoke run for tests: every section, tiny sizes. */
  public static BenchPlan smoke() {
    return new BenchPlan(2, new int[] {16}, 1 << 16, List.<long[]>of(new long[] {4000, 16}), new long[] {3000},
        8, 3000, List.of(new SketchCase("softmax", 2000, 8, 0.0, 1.0, 1.0), new SketchCase("exp", 2000, 48, 0.05, 0.5, Double.NaN)), new long[] {1000, 4000}, 4, 4000, new int[] {2, 4}, true);
  }

  private static long rows(double base, double scale) {
    return Math.max(1000L, Math.round(base * scale));
  }
}
