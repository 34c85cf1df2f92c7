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

  /** One block's shifted values u_i, filled by the family before {@link #addMoments}. */
  private transient double[] values;

  /** Room for one block's n values u_i (reused from block to block). */
  protected final double[] values(int n) {
    if (values == null || values.length < n) {
      values = new double[n];
    }
    return values;
  }

  /** Adds one block's moments of {@code u[0..n)} and {@code b}, each summed over the block first. */
  protected final void addMoments(double[] u, double[] b, int n) {
    double u0 = 0.0;
    double ub = 0.0;
    double uu = 0.0;
    double bb = 0.0;
    for (int i = 0; i < n; i++) {
      double ui = u[i];
      u0 += ui;
      ub += ui * b[i];
      uu += ui * ui;
      bb += b[i] * b[i];
    }
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
