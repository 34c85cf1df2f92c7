package org.attnreg.sketch;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.Globals;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.Residuals;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.CurvatureState;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.NoCurvature;
import org.attnreg.stats.Problem;

/**
 * The sketched Gauss–Newton matrix {@code (JA)ᵀ(JA)}, {@code J = ∂r/∂z = diag(p) − q sᵀ} the
 * residual's z-Jacobian: PSD for every family, wherever the iterate is, so every step is a descent
 * direction and no row has to be added exactly for its sign. The residual term {@code Σ r_i ∇²r_i}
 * is dropped; it vanishes at an exact fit, and elsewhere the line search keeps the step safe.
 *
 * <p>The sketch is block-diagonal: each partition sketches its own rows with its own m rows
 * (sparse-sign, keyed by seed, iteration and row id) and ships only d×d, d and scalar pieces
 * ({@link GaussNewtonGram}), so that a pass costs about one read of A plus m·d² per partition.
 * A sum of per-partition embeddings embeds the sum; the result depends on the partitioning (the
 * same partitioning gives the same bits), not on the order tasks finish in.
 *
 * <p><b>The last digits come from the exact Hessian.</b> A sketched step contracts the error only
 * linearly, and where the residual term is not small (a noisy fit) the Gauss–Newton matrix is not the
 * Hessian at the optimum either, so the sketch alone may stall above the tolerance. The sketch
 * therefore enters its finishing phase, for good, once the gradient has fallen below
 * {@value #FINISH_BELOW} of its first norm or once {@value #STALLS} sketched iterations in a row
 * shrank it by less than a factor {@value #STALL_RATIO}: from there its Hessian is the
 * preconditioner of conjugate gradients on the exact Newton system ({@link #refinedByProducts}),
 * each exact Hessian–vector product one pass, so the finishing iterations converge like exact
 * Newton's without a d×d Gram. The phase is part of the checkpoint state, so a resumed solve
 * enters it where the uninterrupted one does.
 */
public final class GaussNewtonSketch implements Curvature {
  private static final long serialVersionUID = 1L;
  /** Non-zeros per column of each partition's S. */
  public static final int DEFAULT_NONZEROS = 4;

  /** The relative gradient norm below which the finishing phase begins. */
  static final double FINISH_BELOW = 1e-1;
  /** A sketched iteration that shrinks the gradient norm by less than this factor has stalled. */
  static final double STALL_RATIO = 0.7;
  /** Stalled sketched iterations in a row after which the finishing phase begins. */
  static final int STALLS = 2;
  private static final Curvature GRADIENT_ONLY = new NoCurvature();
  private static final String SWITCHED = "finish_switched";
  private static final String STALLED = "finish_stalls";
  private static final String PROGRESS = "finish_progress";

  private static final String PRECONDITIONER = "preconditioner";
  private static final String PRECONDITIONER_SCALE = "preconditioner_log_scale";

  private final SketchSize size;
  private final int nonZeros;
  private final long seed;
  private final Progress progress;
  /**
   * The finishing phase's preconditioner: the sketched Hessian of the iteration that began it, with
   * its log scale. Driver-only (a task needs just {@link #reusing}), so it never rides in a task closure.
   */
  private final transient Kept kept;
  /** Whether the finishing phase reuses {@link #kept}: its passes then take only the gradient. */
  private final boolean reusing;

  /** A kept scaled Hessian, row-major d×d, and the log of the factor the true one is larger by. */
  private record Kept(double[] hessian, double logScale) {}

  /**
   * What the hand-over rule has seen: the first and the latest gradient norm (NaN before the first
   * iterate), the stalled iterations in a row, and whether the finishing phase has begun.
   */
  record Progress(double first, double latest, int stalls, boolean switched) implements java.io.Serializable {
    static final Progress START = new Progress(Double.NaN, Double.NaN, 0, false);

    Progress after(double gradientNorm) {
      if (switched || Double.isNaN(first)) {
        return new Progress(Double.isNaN(first) ? gradientNorm : first, gradientNorm, 0, switched);
      }
      int stalled = gradientNorm > STALL_RATIO * latest ? stalls + 1 : 0;
      boolean handOver = gradientNorm <= FINISH_BELOW * first || stalled >= STALLS;
      return new Progress(first, gradientNorm, stalled, handOver);
    }
  }

  public GaussNewtonSketch(SketchSize size, int nonZeros, long seed) {
    this(size, nonZeros, seed, Progress.START, null);
  }

  private GaussNewtonSketch(SketchSize size, int nonZeros, long seed, Progress progress, Kept kept) {
    if (nonZeros < 1) {
      throw new IllegalArgumentException("sparse-sign non-zeros per row s must be positive: " + nonZeros);
    }
    this.size = size;
    this.nonZeros = nonZeros;
    this.seed = seed;
    this.progress = progress;
    this.kept = kept;
    this.reusing = kept != null;
  }

  public GaussNewtonSketch(SketchSize size, long seed) {
    this(size, DEFAULT_NONZEROS, seed);
  }

  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    throw new UnsupportedOperationException("the Gauss–Newton sketch needs the family's z-Jacobian;"
        + " create its accumulator from the problem and the value pass's globals");
  }

  @Override
  public Accumulator newAccumulator(Problem problem, Globals globals, long iteration) {
    if (reusing) {
      return GRADIENT_ONLY.newAccumulator(problem.d(), iteration);
    }
    if (!(problem.family() instanceof Residuals residuals)) {
      throw new IllegalArgumentException("the family " + problem.family().id()
          + " has no residual form, so it has no Gauss–Newton matrix to sketch");
    }
    int d = problem.d();
    int m = size.newtonRowsFor(d);
    return new GaussNewtonGram(residuals.zJacobian(globals), d, m, Math.min(nonZeros, m), seed,
        iteration, rowWeightCoefficient(problem, globals));
  }

  /**
   * The regulariser ½‖WAx‖² is a least-squares term of its own, {@code J = w·diag(w_i)}: its rows
   * join the sketch with weight {@code w²} in the pass's scaled units (0 without row weights).
   */
  private static double rowWeightCoefficient(Problem problem, Globals globals) {
    Regularizer reg = problem.reg();
    if (!reg.hasRowWeight() || reg.w2() == 0.0) {
      return 0.0;
    }
    return reg.w2() * Math.exp(-problem.family().newDerivativeSums(globals).logScale());
  }

  /** Rows of each partition's sketch at dimension d (unbounded by Java's array size: for a cost model). */
  public long rowsFor(int d) {
    return size.newtonRows(d);
  }

  /** Non-zeros per column of each partition's S. */
  public int nonZeros() {
    return nonZeros;
  }

  @Override
  public String id() {
    return "gauss-newton(" + size + ",s=" + nonZeros + ")";
  }

  /** Whether the finishing phase has begun (see the class comment). */
  public boolean handedOver() {
    return progress.switched();
  }

  @Override
  public boolean refinedByProducts() {
    return progress.switched();
  }

  @Override
  public boolean approximate() {
    return !reusing; // a reusing pass has no Hessian of its own to measure
  }

  /**
   * The kept sketched Hessian, in the units of {@code derivatives}; before anything is kept (the
   * iteration that begins the finishing phase), that iteration's own sketched Hessian.
   */
  @Override
  public double[] preconditioner(Derivatives derivatives) {
    if (kept == null) {
      return derivatives.hessian();
    }
    return Vectors.scaled(Math.exp(kept.logScale() - derivatives.logScale()), kept.hessian());
  }

  /**
   * The rule of the class comment after iterate's {@code derivatives}; the iteration that begins the
   * finishing phase keeps its sketched Hessian as the preconditioner of every later one.
   */
  @Override
  public Curvature after(Derivatives derivatives) {
    Progress next = progress.after(derivatives.gradientNorm());
    Kept k = kept != null || !next.switched() ? kept
        : new Kept(derivatives.hessian().clone(), derivatives.logScale());
    return new GaussNewtonSketch(size, nonZeros, seed, next, k);
  }

  @Override
  public CurvatureState state() {
    if (Double.isNaN(progress.first())) {
      return CurvatureState.NONE;
    }
    Map<String, CurvatureState.Matrix> matrices = new HashMap<>();
    matrices.put(PROGRESS, new CurvatureState.Matrix(1, 2, new double[] {progress.first(), progress.latest()}));
    if (kept != null) {
      int d = (int) Math.round(Math.sqrt(kept.hessian().length));
      matrices.put(PRECONDITIONER, new CurvatureState.Matrix(d, d, kept.hessian()));
      matrices.put(PRECONDITIONER_SCALE, new CurvatureState.Matrix(1, 1, new double[] {kept.logScale()}));
    }
    return new CurvatureState(Map.of(SWITCHED, progress.switched() ? 1L : 0L, STALLED, (long) progress.stalls()),
        matrices);
  }

  @Override
  public CurvatureState.Layout stateLayout(int d) {
    return new CurvatureState.Layout(Set.of(SWITCHED, STALLED), Map.of(PROGRESS, new CurvatureState.Shape(1, 2),
        PRECONDITIONER, new CurvatureState.Shape(d, d), PRECONDITIONER_SCALE, new CurvatureState.Shape(1, 1)));
  }

  @Override
  public Curvature restore(CurvatureState state) {
    if (state.isEmpty()) {
      return new GaussNewtonSketch(size, nonZeros, seed, Progress.START, null);
    }
    CurvatureState.Matrix m = state.matrices().get(PROGRESS);
    Long switched = state.counters().get(SWITCHED);
    Long stalls = state.counters().get(STALLED);
    if (m == null || switched == null || stalls == null || stalls < 0 || stalls > STALLS || switched < 0
        || switched > 1 || !(m.values()[0] > 0) || !(m.values()[1] >= 0)) {
      throw new IllegalArgumentException("the hand-over state of " + id() + " is incomplete or out of range: "
          + state.counters() + ", progress " + (m == null ? "missing" : java.util.Arrays.toString(m.values())));
    }
    CurvatureState.Matrix h = state.matrices().get(PRECONDITIONER);
    CurvatureState.Matrix scale = state.matrices().get(PRECONDITIONER_SCALE);
    if ((h == null) != (scale == null) || (h != null && (switched != 1L || h.rows() != h.cols()
        || !Vectors.allFinite(h.values()) || !Double.isFinite(scale.values()[0])))) {
      throw new IllegalArgumentException("the preconditioner of " + id() + " is incomplete, not finite or kept"
          + " before the finishing phase");
    }
    return new GaussNewtonSketch(size, nonZeros, seed,
        new Progress(m.values()[0], m.values()[1], (int) (long) stalls, switched == 1L),
        h == null ? null : new Kept(h.values().clone(), scale.values()[0]));
  }
}
