package org.attnreg.bench;

import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.Curvature;

/** A curvature that keeps nothing: turns a derivative pass into a loss-and-gradient pass. */
record NoCurvature() implements Curvature {
  @Override
  public String id() {
    return "none";
  }

  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    return new Nothing(d);
  }

  private record Nothing(int d) implements Accumulator {
    @Override
    public void add(RowBlock block, double[] h) {
      // The gradient-only pass skips the Gram on purpose.
    }

    @Override
    public Accumulator merge(Accumulator other) {
      return this;
    }

    @Override
    public double[] gram() {
      return new double[d * d];
    }

    @Override
    public long rowsKept() {
      return 0;
    }
  }
}
