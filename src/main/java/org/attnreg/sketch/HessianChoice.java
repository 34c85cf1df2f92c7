package org.attnreg.sketch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;

/**
 * Chooses between the exact Gram and a sketch ({@code --hessian exact|sketch|auto}) from kernel
 * speeds measured on this machine ({@link KernelProbe}: the dense Gram kernel, the sketch's row
 * placement and the row sweep, the kernels the passes run, each timed on a small synthetic block of
 * the data's width), never from a full exact Gram. The verdict {@link #decide} is a pure function of
 * the shape and the measured speeds, so a test injects speeds and checks the choice.
 *
 * <p>Work of one iteration (multiply-adds, divided by the measured rate of its kernel):
 * <ul>
 *   <li>both pay a base of {@value #BASE_PER_NNZ} row sweeps per non-zero at the row-sweep rate: the
 *       derivative pass's margins and its three {@code Aᵀw} products, the line search's two margins;
 *   <li>the exact Gram costs {@code n·d²} at the rate of the fastest Gram kernel this JVM loads (the
 *       one an exact solve's kernel probe picks) for dense rows, or
 *       {@code Σ nnz(a_i)² ≈ nnz²/n} at the row-sweep rate for sparse ones;
 *   <li>the Gauss–Newton sketch places each row s times (s·nnz at the placement rate) and folds
 *       {@code min(n, P·m)} sketch rows at the Gram rate, P partitions of m rows; other sketch kinds
 *       keep the embedding-size model ({@value #OTHER_SKETCH_PER_NNZ} per non-zero plus an m×d Gram
 *       with m the ε = ½ embedding rule).
 * </ul>
 * The row sweeps and the placement stream A from memory, and the probe times them on one core over
 * a cache-resident block: in a pass every core streams at once, and the sketched iterations measured
 * here ran {@value #STREAMING_SLOWDOWN}× slower than the probe's rates predict (d = 512: 0.40 s per
 * iteration against 0.16 s), while the compute-bound Gram kept its rate. Their estimates carry that
 * factor.
 *
 * <p>Whole solves, measured on planted softmax (n = 2·10⁵, d = 512, from 0 to the relative gradient
 * tolerance 1e-10): exact Newton takes {@value #EXACT_ITERATIONS} iterations with a Hessian (its
 * last pass takes only the gradient); the Gauss–Newton sketch about {@value #SKETCHED_ITERATIONS}
 * iterations with a sketch, then {@value #FINISH_ITERATIONS} finishing ones whose passes take only
 * the gradient, refined by conjugate gradients with about {@value #FINISH_PRODUCTS} exact
 * Hessian–vector products in all, each {@value #PRODUCT_PER_NNZ} multiply-adds per non-zero. Exact
 * wins when {@code EXACT·E ≤ MARGIN·(SKETCHED·S + FINISH·B + PRODUCTS·P)}, E, S, B and P the seconds
 * of an exact iteration, a sketched one, the base work and a product: the sketch is chosen only
 * where it is estimated {@value #SKETCH_MARGIN}× faster, so that a shape near the break-even, where
 * the timings are noise, stays with the exact Gram.
 */
public final class HessianChoice {
  static final double BASE_PER_NNZ = 6;
  static final double OTHER_SKETCH_PER_NNZ = 8;
  static final int EXACT_ITERATIONS = 6;
  static final int SKETCHED_ITERATIONS = 5;
  static final int FINISH_ITERATIONS = 3;
  static final int FINISH_PRODUCTS = 20;
  static final double PRODUCT_PER_NNZ = 3;
  static final double SKETCH_MARGIN = 1.25;
  static final double STREAMING_SLOWDOWN = 2.5;
  /** About the multiply-adds {@link KernelProbe} spends: three kernels, a warm-up and three timed runs each. */
  static final double PROBE_WORK = 3 * (KernelProbe.REPEATS + 1) * KernelProbe.TARGET_WORK;
  private static final double REFERENCE_EPSILON = 0.5;
  /** The values of {@code --hessian}. */
  public static final List<String> MODES = List.of("exact", "sketch", "auto");

  private HessianChoice() {}

  /**
   * Measured kernel speeds of one core.
   *
   * @param gramRate dense Gram multiply-adds per second ({@code rows·d²} per Gram update) of the
   *     built-in kernel, which folds the sketch
   * @param placementRate sparse-sign row placements, non-zeros per second
   * @param level1Rate row-sweep multiply-adds per second (margins, {@code Aᵀw})
   * @param exactGramRate the same for the fastest Gram kernel this JVM loads (native {@code dsyrk}
   *     where a native BLAS is loaded and faster), which an exact solve's Gram kernel probe picks
   */
  public record Speeds(double gramRate, double placementRate, double level1Rate, double exactGramRate) {
    public Speeds {
      if (!(gramRate > 0 && placementRate > 0 && level1Rate > 0 && exactGramRate > 0)) {
        throw new IllegalArgumentException("kernel speeds must be positive: " + gramRate + ", " + placementRate + ", "
            + level1Rate + ", " + exactGramRate);
      }
    }

    /** Speeds where the exact Gram runs on the built-in kernel too. */
    public Speeds(double gramRate, double placementRate, double level1Rate) {
      this(gramRate, placementRate, level1Rate, gramRate);
    }
  }

  /** What {@link #decide} sees of the data: rows, columns, stored non-zeros, partitions. */
  public record Shape(long n, int d, long nnz, int partitions) {
    public Shape {
      if (n < 1 || d < 1 || nnz < 0 || partitions < 1) {
        throw new IllegalArgumentException("need n ≥ 1, d ≥ 1, nnz ≥ 0, partitions ≥ 1: n=" + n + ", d=" + d
            + ", nnz=" + nnz + ", partitions=" + partitions);
      }
    }

    boolean dense() {
      return nnz >= n * (long) d;
    }
  }

  /**
   * The verdict, its inputs and its estimates of seconds per iteration (one core).
   *
   * @param exact whether the exact Gram is the cheaper way to the solution
   */
  public record Decision(boolean exact, double exactSeconds, double sketchSeconds, double productSeconds, Shape shape,
      Speeds speeds) {
    public String reason() {
      return String.format(Locale.ROOT, "measured Gram %.3g (exact %.3g), placement %.3g, level-1 %.3g /s: estimated"
          + " %.3g s per"
          + " exact iteration vs %.3g s per sketched one and %.3g s per product (%d exact iterations vs %d sketched,"
          + " %d finishing and %d products): %s", speeds.gramRate(), speeds.exactGramRate(), speeds.placementRate(),
          speeds.level1Rate(),
          exactSeconds, sketchSeconds, productSeconds, EXACT_ITERATIONS, SKETCHED_ITERATIONS, FINISH_ITERATIONS,
          FINISH_PRODUCTS, exact ? "exact" : "sketch");
    }

    /** The decision as plain data, for a summary or a trace. */
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("choice", exact ? "exact" : "sketch");
      m.put("rates", new TreeMap<>(Map.of("gram", speeds.gramRate(), "exact_gram", speeds.exactGramRate(),
          "placement", speeds.placementRate(), "row_sweep", speeds.level1Rate())));
      m.put("seconds_per_iteration", new TreeMap<>(Map.of("exact", exactSeconds, "sketched", sketchSeconds,
          "product", productSeconds)));
      m.put("iterations", new TreeMap<>(Map.of("exact", EXACT_ITERATIONS, "sketched", SKETCHED_ITERATIONS,
          "finishing", FINISH_ITERATIONS, "products", FINISH_PRODUCTS)));
      return m;
    }
  }

  /** The verdict for {@code sketch} on data of this shape, at these measured speeds. */
  public static Decision decide(Shape shape, Speeds speeds, Curvature sketch) {
    long n = shape.n();
    int d = shape.d();
    long nnz = shape.nnz();
    double base = STREAMING_SLOWDOWN * BASE_PER_NNZ * nnz / speeds.level1Rate();
    double gram = shape.dense() ? gramWork(shape) / speeds.exactGramRate()
        : STREAMING_SLOWDOWN * gramWork(shape) / speeds.level1Rate();
    double sketchWork;
    long folded;
    if (sketch instanceof GaussNewtonSketch gn) {
      folded = Math.min(n, shape.partitions() * gn.rowsFor(d));
      sketchWork = STREAMING_SLOWDOWN * gn.nonZeros() * nnz / speeds.placementRate();
    } else {
      folded = SketchSize.embeddingRows(d, REFERENCE_EPSILON);
      sketchWork = STREAMING_SLOWDOWN * OTHER_SKETCH_PER_NNZ * nnz / speeds.level1Rate();
    }
    double sketchSeconds = base + sketchWork + (double) folded * d * d / speeds.gramRate();
    double exactSeconds = base + gram;
    double productSeconds = STREAMING_SLOWDOWN * PRODUCT_PER_NNZ * nnz / speeds.level1Rate();
    boolean exact = folded >= n
        || EXACT_ITERATIONS * exactSeconds
            <= SKETCH_MARGIN * (SKETCHED_ITERATIONS * sketchSeconds + FINISH_ITERATIONS * base
                + FINISH_PRODUCTS * productSeconds);
    return new Decision(exact, exactSeconds, sketchSeconds, productSeconds, shape, speeds);
  }

  /** Multiply-adds of one exact Gram: {@code n·d²} for dense rows, {@code Σ nnz(a_i)² ≈ nnz²/n} for sparse ones. */
  private static double gramWork(Shape shape) {
    return shape.dense() ? (double) shape.n() * shape.d() * shape.d() : (double) shape.nnz() * shape.nnz() / shape.n();
  }

  /**
   * Whether the exact Gram wins whatever the kernels measure: its solve's work is at most the
   * base work and the products the sketched solve pays anyway, counted at one rate (a Gram kernel
   * never multiplies-adds slower than a row sweep). Dense rows up to d = 16 qualify. Such shapes are
   * not measured, so a small problem gets the same curvature, and the same bits, on every run, and
   * pays no probe.
   */
  static boolean exactAtAnySpeeds(Shape shape) {
    double base = BASE_PER_NNZ * shape.nnz();
    double gram = gramWork(shape);
    return EXACT_ITERATIONS * (base + gram)
        <= SKETCH_MARGIN * ((SKETCHED_ITERATIONS + FINISH_ITERATIONS) * base
            + FINISH_PRODUCTS * PRODUCT_PER_NNZ * shape.nnz());
  }

  /**
   * The curvature a solve runs with, the {@code --hessian} mode that selected it and, where
   * {@code auto} measured, the decision (null for a forced mode, a shape {@link #exactAtAnySpeeds}
   * and a resumed solve, which continues with its checkpoint's curvature).
   */
  public record Selection(Curvature curvature, String mode, Decision decision, String unmeasuredReason) {
    /** A selection without an unmeasured choice of auto: a forced mode, a measured one, a resume. */
    public Selection(Curvature curvature, String mode, Decision decision) {
      this(curvature, mode, decision, null);
    }

    /** What the summary records of the choice. */
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mode", mode);
      m.put("curvature", curvature.id());
      if (decision != null) {
        m.putAll(decision.asMap());
      } else if (unmeasuredReason != null) {
        m.put("choice", "exact");
        m.put("reason", unmeasuredReason);
      }
      return m;
    }
  }

  /**
   * Why {@code auto} takes the exact Gram for this shape without measuring, or null when it must
   * measure: the exact Gram wins at any kernel speed ({@link #exactAtAnySpeeds}), or the exact
   * solve's whole Gram work is below {@value #PROBE_WORK} multiply-adds, about what the probe itself
   * costs, so that no choice could repay measuring it (and a probe in a cold JVM, before its kernels
   * are compiled, would measure noise).
   */
  static String unmeasuredReason(Shape shape) {
    if (exactAtAnySpeeds(shape)) {
      return "the exact Gram is cheaper at any kernel speed for this shape; nothing measured";
    }
    if (EXACT_ITERATIONS * gramWork(shape) <= PROBE_WORK) {
      return "the exact solve's Gram work is smaller than measuring the kernels would cost; nothing measured";
    }
    return null;
  }

  /**
   * The curvature for {@code --hessian exact|sketch|auto}: exact, the given sketch, or whichever
   * {@link #decide} prefers at the speeds {@link KernelProbe} measures now (only {@code auto} probes).
   */
  public static Selection select(String hessian, Curvature sketch, Shape shape) {
    return switch (mode(hessian)) {
      case "exact" -> new Selection(new ExactCurvature(), "exact", null);
      case "sketch" -> new Selection(sketch, "sketch", null);
      default -> {
        String unmeasured = unmeasuredReason(shape);
        if (unmeasured != null) {
          yield new Selection(new ExactCurvature(), "auto", null, unmeasured);
        }
        Decision decision = decide(shape, KernelProbe.measure(shape.d()), sketch);
        yield new Selection(decision.exact() ? new ExactCurvature() : sketch, "auto", decision);
      }
    };
  }

  /**
   * Every curvature {@code --hessian} may select, without measuring: the one of a forced mode, or
   * exact and the sketch for {@code auto} (what a checkpoint written under these options may hold).
   */
  public static List<Curvature> candidates(String hessian, Curvature sketch) {
    return switch (mode(hessian)) {
      case "exact" -> List.of(new ExactCurvature());
      case "sketch" -> List.of(sketch);
      default -> List.of(new ExactCurvature(), sketch);
    };
  }

  private static String mode(String hessian) {
    String mode = hessian == null ? "" : hessian.toLowerCase(Locale.ROOT);
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("--hessian must be exact, sketch or auto: " + hessian);
    }
    return mode;
  }
}
