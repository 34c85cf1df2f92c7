package org.attnreg.problem;

/**
 * A family's globals at the point of a derivative pass and their first-order change there, from the
 * pass's own vector sums: {@code along(dx)} is the globals at {@code x + dx} up to {@code O(‖dx‖²)}.
 * A fused pass takes the next iterate's derivatives with this prediction, so that what its
 * correction leaves in the Hessian is of second order in the step.
 */
@FunctionalInterface
public interface GlobalsSlope {

  /** The slope of a family without globals. */
  GlobalsSlope NONE = dx -> Globals.NONE;

  /** The globals at {@code x + dx} to first order. */
  Globals along(double[] dx);
}
