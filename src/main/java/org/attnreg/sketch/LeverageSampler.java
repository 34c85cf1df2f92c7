package org.attnreg.sketch;

import java.util.Map;
import java.util.Set;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.CurvatureState;
import org.attnreg.stats.Derivatives;

/**
 * The papers' sparsification (maths.md §2, §8.4): leverage-score sampling of the rows of
 * {@code D₊^{1/2} A}. Row i is kept with probability {@code p_i = min(1, c·τ̃_i)} and reweighted
 * by {@code 1/p_i}, so {@code E[G̃] = Aᵀ D₊ A}; Bernoulli sampling needs no global normalisation
 * because {@code Σ τ_i = d}, and about c·d rows are kept. The kept rows' Gram is exact, so the
 * payload is one d×d matrix per partition.
 *
 * <p>Scores: {@code τ̃_i = h_i ‖G a_i‖²} with G the k×d {@link ScoreProjection} of the previous
 * iteration's Hessian, which {@link #after} builds on the driver. That Hessian is the full one
 * (low-rank terms and regulariser included, itself sketched): a proxy, not the exact
 * {@code Aᵀ D₊ A}, whose errors only change how many rows are kept, never the unbiasedness.
 * For families whose derivatives are rescaled by {@code e^{-logScale}} the proxy is off by the
 * change in logScale between iterations, with the same harmless effect.
 *
 * <p><b>Iteration 0</b> (no Hessian yet): the sampler falls back to the oblivious
 * {@link SparseSignSketch} with the same size rule, which needs no scores and still costs
 * O(nnz·s); uniform probabilities would need a global {@code Σ h_i} (a second pass) and would
 * miss the heavy rows.
 */
public final class LeverageSampler implements Curvature {
  private static final long serialVersionUID = 1L;
  /** Dimension k of the JL projection of the scores. */
  public static final int DEFAULT_PROJECTION_ROWS = 16;

  private static final String GENERATION = "generation";
  private static final String PROJECTION = "projection";

  private final SketchSize size;
  private final long seed;
  private final int projectionRows;
  private final long generation;
  private final ScoreProjection projection;

  /** A sampler with no scores yet (iteration 0 uses the sparse-sign fallback). */
  public LeverageSampler(SketchSize size, long seed) {
    this(size, seed, DEFAULT_PROJECTION_ROWS, 0, null);
  }

  private LeverageSampler(SketchSize size, long seed, int projectionRows, long generation,
      ScoreProjection projection) {
    if (projectionRows < 3) {
      throw new IllegalArgumentException("leverage JL dimension k must be at least 3: " + projectionRows);
    }
    this.size = size;
    this.seed = seed;
    this.projectionRows = projectionRows;
    this.generation = generation;
    this.projection = projection;
  }

  /** The sampler whose scores come from {@code hessian} (row-major d×d); this one if it is unusable. */
  public LeverageSampler withScoresFrom(double[] hessian, int d) {
    ScoreProjection next = ScoreProjection.fromHessian(hessian, d, projectionRows, seed, generation + 1);
    return next == null ? this : new LeverageSampler(size, seed, projectionRows, generation + 1, next);
  }

  /** Whether scores are available (false before the first derivative pass). */
  public boolean hasScores() {
    return projection != null;
  }

  @Override
  public Curvature after(Derivatives derivatives) {
    return withScoresFrom(derivatives.hessian(), derivatives.dimension());
  }

  /**
   * The counter {@value #GENERATION} (how many Hessians the scores have been taken from; it seeds
   * the next JL matrix) and, once there are scores, the matrix {@value #PROJECTION}: G, k×d,
   * column-major.
   */
  @Override
  public CurvatureState state() {
    return new CurvatureState(Map.of(GENERATION, generation), projection == null ? Map.of()
        : Map.of(PROJECTION, new CurvatureState.Matrix(projection.k(), projection.d(), projection.values())));
  }

  @Override
  public CurvatureState.Layout stateLayout(int d) {
    return new CurvatureState.Layout(Set.of(GENERATION),
        Map.of(PROJECTION, new CurvatureState.Shape(projectionRows, d)));
  }

  @Override
  public Curvature restore(CurvatureState state) {
    Long saved = state.counters().get(GENERATION);
    if (saved == null || saved < 0 || state.counters().size() != 1) {
      throw new IllegalArgumentException("a leverage sampler's state needs exactly the counter '" + GENERATION
          + "' ≥ 0, has " + state.counters());
    }
    CurvatureState.Matrix g = state.matrices().get(PROJECTION);
    if (state.matrices().size() != (g == null ? 0 : 1) || (g != null && g.rows() != projectionRows)) {
      throw new IllegalArgumentException("a leverage sampler's state holds at most the " + projectionRows
          + "×d matrix '" + PROJECTION + "', has " + state.matrices().keySet());
    }
    ScoreProjection p = g == null ? null : ScoreProjection.of(g.rows(), g.cols(), g.values());
    return new LeverageSampler(size, seed, projectionRows, saved, p);
  }

  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    if (projection == null || projection.d() != d) {
      return new SparseSignSketch(size, seed).newAccumulator(d, iteration);
    }
    return new LeverageSample(d, size.oversamplingFor(d, projectionRows), projection, seed, iteration);
  }

  @Override
  public String id() {
    return "leverage(" + size + ",k=" + projectionRows + ")";
  }
}
