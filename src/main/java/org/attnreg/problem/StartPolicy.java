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

  /**
   * A least-squares fit whose solution gives only the direction of a start, for a family that is
   * free of scale along it (its length is then chosen by one value pass along the direction); used
   * when a solve from the default start ends at a trivial minimiser. {@code null}: none.
   */
  default InverseLinkFit directionFit() {
    return null;
  }
}
