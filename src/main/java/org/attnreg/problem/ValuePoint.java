package org.attnreg.problem;

/**
 * The data part of a value pass at one point.
 *
 * @param loss the data loss (may be +∞ or NaN for a point too far out, which a line search rejects)
 * @param resolution the smallest loss difference the summed form can resolve at this point
 * @param globals the family's globals at this point, handed to the derivative pass
 */
public record ValuePoint(double loss, double resolution, Globals globals) {}
