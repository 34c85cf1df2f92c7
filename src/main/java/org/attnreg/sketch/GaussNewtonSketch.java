package org.attnreg.sketch;

import org.attnreg.problem.Globals;
import org.attnreg.problem.Regularizer;
import org.attnreg.problem.Residuals;
import org.attnreg.stats.Curvature;
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
 */
public final class GaussNewtonSketch implements Curvature {
  private static final long serialVersionUID = 1L;
  /** Non-zeros per column of each partition's S. */
  public static final int DEFAULT_NONZEROS = 4;

  private final SketchSize size;
  private final int nonZeros;
  private final long seed;

  public GaussNewtonSketch(SketchSize size, int nonZeros, long seed) {
    if (nonZeros < 1) {
      throw new IllegalArgumentException("sparse-sign non-zeros per row s must be positive: " + nonZeros);
    }
    this.size = size;
    this.nonZeros = nonZeros;
    this.seed = seed;
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
    if (!(problem.family() instanceof Residuals residuals)) {
      throw new IllegalArgumentException("the family " + problem.family().id()
          + " has no residual form, so it has no Gauss–Newton matrix to sketch");
    }
    int d = problem.d();
    int m = size.newtonRowsFor(d);
    return new GaussNewtonGram(residuals, residuals.zJacobian(globals), d, m, Math.min(nonZeros, m), seed,
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

  /** Rows of each partition's sketch at dimension d. */
  public int rowsFor(int d) {
    return size.newtonRowsFor(d);
  }

  /** Non-zeros per column of each partition's S. */
  public int nonZeros() {
    return nonZeros;
  }

  @Override
  public String id() {
    return "gauss-newton(" + size + ",s=" + nonZeros + ")";
  }
}
