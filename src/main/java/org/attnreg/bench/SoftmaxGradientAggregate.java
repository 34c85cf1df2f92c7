package org.attnreg.bench;

import java.io.Serializable;
import org.attnreg.linalg.RowBlock;

/**
 * Softmax regression's loss and gradient in ONE pass, for the first-order baseline (the Newton
 * solver's derivative pass needs the value pass's {@code log α} first). With a per-partition shift
 * m and {@code e_i = exp(z_i − m)}, it sums {@code S0 = Σe, S1 = Σe b, S2 = Σe², B2 = Σb²} and the
 * vectors {@code Σe a, Σe b a, Σe² a}; merging rescales to the larger shift by {@code e^{k Δm}} for
 * exp-degree k, exactly like the value pass. Then with {@code f = e/S0}, {@code κ = S2/S0² − S1/S0}:
 * {@code L = ½(S2/S0² − 2 S1/S0 + B2)} and {@code ∇L = Σe² a/S0² − Σe b a/S0 − κ Σe a/S0}.
 */
final class SoftmaxGradientAggregate implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int d;
  private double shift = Double.NEGATIVE_INFINITY;
  private final double[] scalars = new double[4]; // S0, S1 (degree 1), S2 (degree 2), B2 (degree 0)
  private final double[][] vectors; // Σe a, Σe b a (degree 1), Σe² a (degree 2)
  private transient double[] z;
  private transient double[][] w;

  SoftmaxGradientAggregate(int d) {
    this.d = d;
    this.vectors = new double[3][d];
  }

  SoftmaxGradientAggregate add(RowBlock block, double[] x) {
    int n = block.rows();
    if (z == null || z.length < n) {
      z = new double[n];
      w = new double[3][n];
    }
    block.margins(x, z);
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, z[i]);
    }
    rescaleTo(Math.max(shift, m));
    double[] b = block.b();
    for (int i = 0; i < n; i++) {
      double e = Math.exp(z[i] - shift);
      w[0][i] = e;
      w[1][i] = e * b[i];
      w[2][i] = e * e;
      scalars[0] += e;
      scalars[1] += e * b[i];
      scalars[2] += e * e;
      scalars[3] += b[i] * b[i];
    }
    block.addTransposeTimes(w, 3, vectors);
    return this;
  }

  private void rescaleTo(double m) {
    if (m == shift) {
      return;
    }
    double e1 = Math.exp(shift - m); // 0 when this aggregate is still empty (shift −∞)
    double e2 = e1 * e1;
    scalars[0] *= e1;
    scalars[1] *= e1;
    scalars[2] *= e2;
    for (int j = 0; j < d; j++) {
      vectors[0][j] *= e1;
      vectors[1][j] *= e1;
      vectors[2][j] *= e2;
    }
    shift = m;
  }

  SoftmaxGradientAggregate merge(SoftmaxGradientAggregate other) {
    if (other.shift == Double.NEGATIVE_INFINITY) {
      return this;
    }
    other.rescaleTo(Math.max(shift, other.shift));
    rescaleTo(other.shift);
    for (int k = 0; k < 4; k++) {
      scalars[k] += other.scalars[k];
    }
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < d; j++) {
        vectors[k][j] += other.vectors[k][j];
      }
    }
    return this;
  }

  /** {loss, ∇L_1, …, ∇L_d}. */
  double[] finish() {
    double s0 = scalars[0];
    double ff = scalars[2] / (s0 * s0);
    double fb = scalars[1] / s0;
    double kappa = ff - fb;
    double[] out = new double[d + 1];
    out[0] = 0.5 * (ff - 2.0 * fb + scalars[3]);
    for (int j = 0; j < d; j++) {
      out[j + 1] = vectors[2][j] / (s0 * s0) - vectors[1][j] / s0 - kappa * vectors[0][j] / s0;
    }
    return out;
  }
}
