package org.attnreg.sketch;

import java.util.Locale;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;

/**
 * Chooses between the exact Gram and a sketch ({@code --hessian exact|sketch|auto}) with a cost
 * model of one Newton iteration, calibrated on the 2-vCPU development VM (pure-Java BLAS, one
 * thread per partition; see {@code PassTimingProbe}):
 * <ul>
 *   <li>every iteration pays a base of {@value #BASE_PER_NNZ} multiply-adds per non-zero (margins,
 *       three or four {@code Aᵀw} products and a line-search value pass scoring 8 step sizes) at
 *       {@value #LEVEL1_RATE} per second;
 *   <li>the exact Gram costs {@code n·d²} at the level-3 rate {@value #LEVEL3_RATE}/s for dense
 *       rows (measured 2–5·10⁹ for d = 128–512), or {@code Σ nnz(a_i)² ≈ nnz²/n} at the level-1
 *       rate for sparse rows;
 *   <li>a sketch costs {@value #SKETCH_PER_NNZ} multiply-adds per non-zero (s = 8 sparse-sign
 *       buckets, or a k = 16 score projection of which half runs at level 3) plus an m×d Gram
 *       {@code m·d²} at level 3, with m the ε = ½ rule of {@link SketchSize};
 *   <li>sketched Newton converges linearly at a rate near ε, so it takes about
 *       {@value #ITERATION_PENALTY}× the iterations of exact Newton's quadratic phase (measured 11–16
 *       against 6 on planted softmax at ε = ½).
 * </ul>
 * Exact is chosen when {@code exact ≤ penalty × sketch}, and always when n ≤ 4m (a sketch that
 * keeps a quarter of the rows saves nothing). For dense data with n ≫ m the break-even is
 * <b>d ≈ 58</b>: the exact Gram wins at d = 32 (0.30 s vs 0.18–0.35 s per pass at n = 200 000), the
 * sketches win clearly at d = 128 (0.50 s vs 0.10–0.25 s at n = 50 000) and d = 512 (10–16 s vs
 * 1.4–3.7 s at n = 200 000). Sparse rows favour exact up to about 29 non-zeros per row.
 */
public final class HessianChoice {
  static final double LEVEL1_RATE = 1e9;
  static final double LEVEL3_RATE = 2e9;
  static final double BASE_PER_NNZ = 13;
  static final double SKETCH_PER_NNZ = 8;
  static final double ITERATION_PENALTY = 2;
  private static final double REFERENCE_EPSILON = 0.5;

  private HessianChoice() {}

  /**
   * The model's verdict and its estimates of seconds per iteration (one core).
   *
   * @param exact whether the exact Gram is the cheaper way to the solution
   */
  public record Decision(boolean exact, double exactSeconds, double sketchSeconds) {
    public String reason() {
      return String.format(Locale.ROOT, "estimated %.3g s per exact iteration vs %.3g s per sketched one (×%.0f"
          + " iterations): %s", exactSeconds, sketchSeconds, ITERATION_PENALTY, exact ? "exact" : "sketch");
    }
  }

  /** The cost model for n rows, d columns and nnz stored non-zeros (nnz = n·d for dense data). */
  public static Decision auto(long n, int d, long nnz) {
    if (n < 1 || d < 1 || nnz < 0) {
      throw new IllegalArgumentException("need n ≥ 1, d ≥ 1, nnz ≥ 0: n=" + n + ", d=" + d + ", nnz=" + nnz);
    }
    double base = BASE_PER_NNZ * nnz / LEVEL1_RATE;
    boolean dense = nnz >= n * (long) d;
    double gram = dense ? (double) n * d * d / LEVEL3_RATE : (double) nnz * nnz / n / LEVEL1_RATE;
    long m = SketchSize.embeddingRows(d, REFERENCE_EPSILON);
    double sketch = SKETCH_PER_NNZ * nnz / LEVEL1_RATE + (double) m * d * d / LEVEL3_RATE;
    double exactSeconds = base + gram;
    double sketchSeconds = base + sketch;
    boolean exact = n <= 4 * m || exactSeconds <= ITERATION_PENALTY * sketchSeconds;
    return new Decision(exact, exactSeconds, sketchSeconds);
  }

  /**
   * The curvature for {@code --hessian exact|sketch|auto}: exact, the given sketch, or whichever
   * {@link #auto} prefers.
   */
  public static Curvature select(String hessian, Curvature sketch, long n, int d, long nnz) {
    String mode = hessian == null ? "" : hessian.toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "exact" -> new ExactCurvature();
      case "sketch" -> sketch;
      case "auto" -> auto(n, d, nnz).exact() ? new ExactCurvature() : sketch;
      default -> throw new IllegalArgumentException("--hessian must be exact, sketch or auto: " + hessian);
    };
  }
}
