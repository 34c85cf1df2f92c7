package org.attnreg.stats;

import org.attnreg.linalg.RowBlock;

/**
 * A derivative pass that needs only the loss and the gradient: the pass at a point the solver
 * predicts to end the solve, where a Hessian would be computed only to be thrown away (at large d
 * an exact Gram is many times the rest of the pass). Its Hessian is zero but for the family's
 * low-rank terms and must not be used for a step.
 */
public final class NoCurvature implements Curvature {
  private static final long serialVersionUID = 1L;

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
  private static final class Nothing implements Accumulator {
    private static final long serialVersionUID = 1L;
    private final int d;

    Nothing(int d) {
      this.d = d;
    }

    @Override
    public void add(RowBlock block, double[] h) {}

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
