package org.attnreg.problem;

/**
 * Capability: the fitted link, the target {@code b_i} row i would have if x were an exact fit. Model
 * prediction and planted data generation both use it.
 */
public interface FittedLink {

  /**
   * Whether the prediction depends on every row through the globals (a normaliser such as
   * {@code α = Σ e^{z_j}}): then the globals come from a value pass over the rows predicted.
   */
  boolean normalised();

  /** The exact-fit target at margin {@code z = a_i·x}, given the globals of a value pass at x. */
  double prediction(double z, Globals over);
}
