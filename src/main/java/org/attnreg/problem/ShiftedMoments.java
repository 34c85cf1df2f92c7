package org.attnreg.problem;

/**
 * Value sums of positive per-row weights u taken relative to a shift: {@code S0 = Σu}, {@code S1 = Σu·b}
 * (degree 1), {@code S2 = Σu²} (degree 2) and {@code B2 = Σb²} (degree 0). How they move to a larger
 * shift and how partitions merge is the same for every family whose value pass these moments are
 * (softmax: {@code u = e^{z−m}}; rescaled: {@code u = e^{−m}f(z)}); the per-row loop stays in the
 * family, so that the weight it computes is an inlined call, and the family finishes the loss.
 */
abstract class ShiftedMoments implements ValueSums {
  private static final long serialVersionUID = 1L;
  /** Σu. */
  protected double s0;
  /** Σu·b. */
  protected double s1;
  /** Σu². */
  protected double s2;
  /** Σb². */
  protected double b2;

  /** Adds one block's moments, each summed over the block first. */
  protected final void add(double u0, double ub, double uu, double bb) {
    s0 += u0;
    s1 += ub;
    s2 += uu;
    b2 += bb;
  }

  @Override
  public final void rescale(double factor) {
    s0 *= factor;
    s1 *= factor;
    s2 *= factor * factor;
  }

  @Override
  public final void addRescaled(ValueSums other, double factor) {
    ShiftedMoments o = (ShiftedMoments) other;
    s0 += o.s0 * factor;
    s1 += o.s1 * factor;
    s2 += o.s2 * (factor * factor);
    b2 += o.b2;
  }
}
