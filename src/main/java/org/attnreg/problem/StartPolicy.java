package org.attnreg.problem;

/** Capability: where a solve of this family starts when the user gives no x0. */
public interface StartPolicy {

  /**
   * A data-free start, or {@code null} for the origin. Families with traps at the origin (a
   * stationary point, a trivial minimiser) start elsewhere.
   */
  double[] defaultStart(int d);

  /**
   * The least-squares start the family prefers to {@link #defaultStart} (one extra pass over the
   * data), or {@code null} if it has none.
   */
  InverseLinkFit inverseLinkFit();
}
