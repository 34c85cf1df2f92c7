package org.attnreg.stats;

import org.attnreg.linalg.RowBlock;

/**
 * A derivative pass that needs only the loss and the gradient: the pass at a point the solver
 * predicts to end the solve, where a Hessian would be computed only to be thrown away (at large d
 * an exact Gram is many times the rest of the pass), and the bench's gradient pass. Its Hessian is
 * zero but for the family's low-rank terms and must not be used for a step.
 */
public record NoCurvature() implements Curvature {
  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    return new Nothing(d);
  }

  @Override
  public String id() {
    return "none";
  }

  @Override
  public boolean approximate() {
    return false;
  }

  /** Adds no rows; the zero d×d matrix is allocated only on the driver. */
  private record Nothing(int d) implements Accumulator {
    @Override
    public void add(RowBlock block, double[] h) {
      // no Gram, on purpose
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
