package org.attnreg.problem;

import java.io.Serializable;

/**
 * A family's value-pass sums over some rows at one point, relative to a shift m: each sum has an
 * exp-degree k (0, 1 or 2: {@code Σ b²}, {@code Σ e^{z−m}}, {@code Σ e^{2(z−m)}}), so moving the sums
 * to a larger shift m' multiplies a degree-k sum by {@code e^{k(m − m')} ≤ 1} and never overflows.
 * The value aggregate owns the shift; the sums own their names and degrees.
 */
public interface ValueSums extends Serializable {

  /** Adds rows {@code 0..n-1} with margins z and targets b, relative to {@code shift}. */
  void addRows(double[] z, double[] b, int n, double shift);

  /** Multiplies every degree-k sum by {@code factor^k} (a move to a larger shift). */
  void rescale(double factor);

  /** Adds {@code other}'s sums (of the same family) after rescaling them by {@code factor}, leaving {@code other} as it is. */
  void addRescaled(ValueSums other, double factor);

  /** Driver: the data loss and the globals at this point, the sums being relative to {@code shift}. */
  ValuePoint finish(double shift);
}
