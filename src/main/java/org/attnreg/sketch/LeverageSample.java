package org.attnreg.sketch;

import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;

/**
 * One partition's share of a {@link LeverageSampler} iteration: row i of {@code D₊^{1/2} A} is kept
 * with probability {@code p_i = min(1, c·h_i‖G a_i‖²)}, decided by a hash of (seed, iteration, row id)
 * so that every run keeps the same rows, and its exact outer product is added with weight
 * {@code h_i/p_i}.
 */
final class LeverageSample extends SplitAccumulator {
  private static final long serialVersionUID = 1L;

  private final double oversampling;
  private final ScoreProjection projection;
  private final long seed;
  private final long iteration;
  private final RowsGram kept;
  private transient double[] scores;
  private transient double[] scratch;

  LeverageSample(int d, double oversampling, ScoreProjection projection, long seed, long iteration) {
    super(d);
    this.oversampling = oversampling;
    this.projection = projection;
    this.seed = seed;
    this.iteration = iteration;
    this.kept = new RowsGram(d);
  }

  @Override
  protected void addPositive(RowBlock block, double[] h) {
    int n = block.rows();
    if (block instanceof DenseBlock dense && dense.cols() != d) {
      throw new IllegalArgumentException("dense block width " + dense.cols() + " differs from d = " + d);
    }
    if (scores == null || scores.length < n) {
      scores = new double[n];
      scratch = new double[n * projection.k()];
    }
    projection.squaredNorms(block, scores, scratch);
    for (int i = 0; i < n; i++) {
      if (!(h[i] > 0.0)) {
        continue;
      }
      double p = Math.min(1.0, oversampling * h[i] * scores[i]);
      double u = RowHash.unit(RowHash.draw(RowHash.rowKey(seed, iteration, block.rowId(i)), 0));
      if (u < p) {
        kept.add(block, i, h[i] / p);
      }
    }
    kept.flush();
  }

  @Override
  protected void mergePositive(SplitAccumulator other) {
    kept.merge(((LeverageSample) other).kept);
  }

  @Override
  protected double[] positiveGram() {
    double[] g = new double[d * d];
    kept.addTo(g);
    return g;
  }

  @Override
  protected long positiveRowsKept() {
    return kept.rows();
  }
}
