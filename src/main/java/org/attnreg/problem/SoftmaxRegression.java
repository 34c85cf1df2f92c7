package org.attnreg.problem;

import java.util.List;

/**
 * Softmax regression (arXiv 2304.10411, {@code MATH.md} §4) and, with a ReLU activation,
 * softmax–ReLU regression (arXiv 2308.08358, reading A, {@code MATH.md} §6).
 *
 * <p>With {@code h = σ(Ax)} (σ the identity or ReLU, applied entrywise), {@code α = ⟨exp(h),1⟩},
 * {@code f = exp(h)/α}, {@code c = f − b} and mask {@code m_i = σ'(z_i)}:
 * <pre>
 *   L(x)  = ½‖c‖²
 *   ∇L    = Aᵀ(m∘(f∘c − κ f)),                 κ = ⟨f, c⟩
 *   ∇²L   = γ p pᵀ − q pᵀ − p qᵀ + Aᵀ diag(m∘(2f − b − κ)∘f) A,
 *           p = Aᵀ(m∘f),  q = Aᵀ(m∘(2f − b)∘f),  γ = ⟨3f − 2b, f⟩ = ⟨f,f⟩ + 2κ.
 * </pre>
 * The rank-2 part is indefinite and is assembled exactly; the diagonal weight carries the global κ.
 *
 * <p><b>Value pass</b> (per-partition shift {@code m_p = max h_i}, {@code e_i = exp(h_i − m_p)}):
 * {@code S0 = Σe} (degree 1), {@code S1 = Σe b} (1), {@code S2 = Σe²} (2), {@code B2 = Σb²} (0), so
 * {@code L = ½(S2/S0² − 2 S1/S0 + B2)}, {@code log α = m + log S0}, {@code κ = S2/S0² − S1/S0}.
 *
 * <p><b>Derivative pass</b> with {@code log α} known: {@code f_i = exp(h_i − log α) ≤ 1} never
 * overflows, so every sum is a plain sum. The gradient uses κ summed in this same pass (so it is as
 * accurate as {@code f} itself); the diagonal Hessian weight uses the value pass's κ. The loss is
 * summed directly as {@code ½Σ(f_i − b_i)²}, free of the cancellation in the value form.
 *
 * <p>{@code B·1 = 0}: the unregularised Hessian is singular along any direction with {@code Ad ∝ 1}
 * (an intercept column), which the solver's damping handles.
 *
 * <p><b>ReLU at the origin.</b> At x = 0 every row is inactive ({@code m_i = 0}), so the gradient
 * and the data Hessian vanish: the origin is stationary for softmax–ReLU and the ReLU family starts
 * elsewhere by default.
 */
public final class SoftmaxRegression implements LossFamily {
  private static final long serialVersionUID = 1L;

  /** Relative rounding in the summed value form; see MATH.md §4 "Numerics". */
  private static final double VALUE_ROUNDING = 1e-13;

  private static final int[] VALUE_DEGREES = {1, 1, 2, 0};

  /** Norm of the softmax–ReLU default start. */
  static final double RELU_START_NORM = 0.5;

  private final boolean relu;

  private SoftmaxRegression(boolean relu) {
    this.relu = relu;
  }

  /** Softmax regression {@code ½‖softmax(Ax) − b‖²}. */
  public static SoftmaxRegression softmax() {
    return new SoftmaxRegression(false);
  }

  /** Softmax–ReLU regression {@code ½‖softmax(ReLU(Ax)) − b‖²}. */
  public static SoftmaxRegression softmaxRelu() {
    return new SoftmaxRegression(true);
  }

  @Override
  public String id() {
    return relu ? "softmax-relu" : "softmax";
  }

  @Override
  public int[] valueDegrees() {
    return VALUE_DEGREES.clone();
  }

  @Override
  public boolean isShifted() {
    return true;
  }

  @Override
  public double shiftOf(double z) {
    return activation(z);
  }

  private double activation(double z) {
    return relu ? Math.max(z, 0.0) : z;
  }

  @Override
  public void addValueRows(double[] z, double[] b, int n, double shift, double[] sums) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double b2 = 0.0;
    for (int i = 0; i < n; i++) {
      double e = Math.exp(activation(z[i]) - shift);
      s0 += e;
      s1 += e * b[i];
      s2 += e * e;
      b2 += b[i] * b[i];
    }
    sums[0] += s0;
    sums[1] += s1;
    sums[2] += s2;
    sums[3] += b2;
  }

  @Override
  public ValuePoint finishValue(double shift, double[] sums) {
    double s0 = sums[0];
    double s1 = sums[1];
    double s2 = sums[2];
    double b2 = sums[3];
    double ff = s2 / (s0 * s0);
    double fb = s1 / s0;
    double loss = 0.5 * (ff - 2.0 * fb + b2);
    double resolution = VALUE_ROUNDING * (ff + Math.abs(fb) + b2);
    double logAlpha = shift + Math.log(s0);
    double kappa = ff - fb;
    return new ValuePoint(loss, resolution, new double[] {logAlpha, kappa});
  }

  /** {@code g = m∘(f∘c − κ f) = w_fc − κ w_f}, with κ summed in the derivative pass. */
  @Override
  public double[] zGradientCoefficients(double[] scalars, double[] globals) {
    return new double[] {1.0, -scalars[0], 0.0};
  }

  /**
   * {@code ∇²_z ℓ = D_m B D_m = diag(h) + γ w_f w_fᵀ − w_u w_fᵀ − w_f w_uᵀ} (ReLU'' = 0 almost
   * everywhere), the z-space form of the rank-2 term {@link #assemble} adds.
   */
  @Override
  public double[][] zHessianLowRank(double[] scalars, double[] globals) {
    double gamma = scalars[2] + 2.0 * scalars[0];
    return new double[][] {{0.0, 0.0, 0.0}, {0.0, gamma, -1.0}, {0.0, -1.0, 0.0}};
  }

  /** {@code c_i = f_i − b_i = exp(h_i − log α) − b_i}. */
  @Override
  public double residual(double z, double b, double[] globals, double shift) {
    double c = Math.exp(activation(z) - globals[0]) - b;
    return shift == 0.0 ? c : c * Math.exp(-shift);
  }

  @Override
  public double plantedTarget(double z, double[] globals) {
    return Math.exp(activation(z) - globals[0]);
  }

  /**
   * Softmax starts at the origin (uniform f). Softmax–ReLU, whose origin is stationary, starts at the
   * fixed alternating vector {@code x_j = ½(−1)^j/√d}, which leaves about half the rows active.
   */
  @Override
  public double[] defaultStart(int d) {
    return relu ? Starts.alternating(d, RELU_START_NORM) : null;
  }

  /** {@code b = f ∝ exp(h)}: fit {@code Ax ≈ log b} up to the constant {@code log α}. */
  @Override
  public InverseLinkFit inverseLinkFit() {
    return new InverseLinkFit(HyperbolicFunction.EXP, true);
  }

  @Override
  public List<String> warningsFor(double[] x0, double[] x, boolean unbounded) {
    if (relu && Starts.isZero(x0)) {
      return List.of("softmax-relu: at x = 0 every ReLU is inactive, so the gradient vanishes and the solver"
          + " cannot leave the origin; start anywhere else");
    }
    return List.of();
  }

  @Override
  public int derivativeVectors() {
    return 3;
  }

  @Override
  public int derivativeScalars() {
    return 3;
  }

  @Override
  public void derivativeRows(double[] z, double[] b, int n, double[] globals, double[][] vectorWeights,
      double[] hessianWeights, double[] scalars) {
    double logAlpha = globals[0];
    double kappaValue = globals[1];
    double[] wFc = vectorWeights[0];
    double[] wF = vectorWeights[1];
    double[] wU = vectorWeights[2];
    double kappa = 0.0;
    double halfC2 = 0.0;
    double ff = 0.0;
    for (int i = 0; i < n; i++) {
      double zi = z[i];
      double f = Math.exp(activation(zi) - logAlpha);
      double c = f - b[i];
      kappa += f * c;
      halfC2 += c * c;
      ff += f * f;
      double mask = relu && !(zi > 0.0) ? 0.0 : 1.0;
      double mf = mask * f;
      wFc[i] = mf * c;
      wF[i] = mf;
      wU[i] = mf * (f + c);
      hessianWeights[i] = mf * (f + c - kappaValue);
    }
    scalars[0] += kappa;
    scalars[1] += 0.5 * halfC2;
    scalars[2] += ff;
  }

  @Override
  public double assemble(double[][] vectorSums, double[] scalars, double[] globals, double[] gradient,
      double[] hessian) {
    double kappa = scalars[0];
    double gamma = scalars[2] + 2.0 * kappa;
    double[] vFc = vectorSums[0];
    double[] p = vectorSums[1];
    double[] q = vectorSums[2];
    int d = gradient.length;
    for (int j = 0; j < d; j++) {
      gradient[j] = vFc[j] - kappa * p[j];
    }
    for (int j = 0; j < d; j++) {
      int row = j * d;
      for (int k = 0; k < d; k++) {
        hessian[row + k] += gamma * p[j] * p[k] - q[j] * p[k] - p[j] * q[k];
      }
    }
    return scalars[1];
  }
}
