package org.attnreg.problem;

import java.io.Serializable;

/**
 * A family's global scalars at one point, from its value pass (e.g. softmax's {@code log α} and κ):
 * what every row of the derivative pass at that point needs. Each family defines its own record.
 */
public interface Globals extends Serializable {

  /** The globals of a family that needs none. */
  Globals NONE = new None();

  /** The named values in declaration order, for a checkpoint ({@link LossFamily#globals} reads them back). */
  double[] values();

  /** No globals. */
  record None() implements Globals {
    @Override
    public double[] values() {
      return new double[0];
    }
  }
}
