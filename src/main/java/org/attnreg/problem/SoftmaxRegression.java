package org.attnreg.problem;

import java.util.List;

/**
 * Softmax regression (arXiv 2304.10411, maths.md §4) and, with a ReLU activation,
 * softmax–ReLU regression (arXiv 2308.08358, reading A, maths.md §6).
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
public final class SoftmaxRegression implements LossFamily, Residuals, FittedLink, StartPolicy, Traps {
  private static final long serialVersionUID = 1L;

  /** Relative rounding in the summed value form (see the class comment's value pass). */
  private static final double VALUE_ROUNDING = 1e-13;

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
  public double shiftOf(double z) {
    return activation(relu, z);
  }

  private static double activation(boolean relu, double z) {
    return relu ? Math.max(z, 0.0) : z;
  }

  @Override
  public ValueSums newValueSums() {
    return new Sums(relu);
  }

  @Override
  public DerivativeSums newDerivativeSums(Globals globals) {
    return new Terms(relu, (Normalisers) globals);
  }

  @Override
  public Globals globals(double[] values) {
    return new Normalisers(values[0], values[1]);
  }

  /**
   * The globals at a point: {@code log α} and {@code κ = ⟨f, c⟩} of the value pass.
   *
   * @param logAlpha {@code log Σ exp(h_i)}
   * @param kappa {@code ⟨f, f − b⟩}, the value pass's κ (the diagonal Hessian weight uses it)
   */
  public record Normalisers(double logAlpha, double kappa) implements Globals {
    @Override
    public double[] values() {
      return new double[] {logAlpha, kappa};
    }
  }

  /** {@code S0 = Σe}, {@code S1 = Σe b}, {@code S2 = Σe²}, {@code B2 = Σb²} of {@code e = exp(act(z) − m)}. */
  private static final class Sums extends ShiftedMoments {
    private static final long serialVersionUID = 1L;
    private final boolean relu;

    Sums(boolean relu) {
      this.relu = relu;
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double shift) {
      double e0 = 0.0;
      double eb = 0.0;
      double ee = 0.0;
      double bb = 0.0;
      for (int i = 0; i < n; i++) {
        double e = Math.exp(activation(relu, z[i]) - shift);
        e0 += e;
        eb += e * b[i];
        ee += e * e;
        bb += b[i] * b[i];
      }
      add(e0, eb, ee, bb);
    }

    /** {@code L = ½(S2/S0² − 2 S1/S0 + B2)}, {@code log α = m + log S0}, {@code κ = S2/S0² − S1/S0}. */
    @Override
    public ValuePoint finish(double shift) {
      double ff = s2 / (s0 * s0);
      double fb = s1 / s0;
      double loss = 0.5 * (ff - 2.0 * fb + b2);
      double resolution = VALUE_ROUNDING * (ff + Math.abs(fb) + b2);
      return new ValuePoint(loss, resolution, new Normalisers(shift + Math.log(s0), ff - fb));
    }
  }

  /**
   * Vector weights {@code w_fc = m∘f∘c}, {@code w_f = m∘f}, {@code w_u = m∘f∘(2f − b)}; scalar sums
   * κ, ½Σc² and ⟨f, f⟩ of this pass.
   */
  private static final class Terms implements DerivativeSums {
    private static final long serialVersionUID = 1L;
    private final boolean relu;
    private final Normalisers at;
    private double kappa;
    private double halfC2;
    private double ff;

    Terms(boolean relu, Normalisers at) {
      this.relu = relu;
      this.at = at;
    }

    @Override
    public int vectors() {
      return 3;
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double[][] vectorWeights, double[] hessianWeights) {
      double logAlpha = at.logAlpha();
      double kappaValue = at.kappa();
      double[] wFc = vectorWeights[0];
      double[] wF = vectorWeights[1];
      double[] wU = vectorWeights[2];
      double k = 0.0;
      double c2 = 0.0;
      double f2 = 0.0;
      for (int i = 0; i < n; i++) {
        double zi = z[i];
        double f = Math.exp(activation(relu, zi) - logAlpha);
        double c = f - b[i];
        k += f * c;
        c2 += c * c;
        f2 += f * f;
        double mask = relu && !(zi > 0.0) ? 0.0 : 1.0;
        double mf = mask * f;
        wFc[i] = mf * c;
        wF[i] = mf;
        wU[i] = mf * (f + c);
        hessianWeights[i] = mf * (f + c - kappaValue);
      }
      kappa += k;
      halfC2 += 0.5 * c2;
      ff += f2;
    }

    @Override
    public void merge(DerivativeSums other) {
      Terms o = (Terms) other;
      kappa += o.kappa;
      halfC2 += o.halfC2;
      ff += o.ff;
    }

    @Override
    public double logScale() {
      return 0.0;
    }

    /** {@code ∇L = Aᵀw_fc − κ p}; the Hessian gains {@code γ p pᵀ − q pᵀ − p qᵀ}, γ = ⟨f,f⟩ + 2κ. */
    @Override
    public double assemble(double[][] vectorSums, double[] gradient, double[] hessian) {
      RankTwoAssembly.assemble(vectorSums[0], vectorSums[1], vectorSums[2], kappa, gamma(), gradient, hessian);
      return halfC2;
    }

    double gamma() {
      return ff + 2.0 * kappa;
    }
  }

  /**
   * {@code g = m∘(f∘c − κ f) = w_fc − κ w_f} (κ summed in the derivative pass), and
   * {@code ∇²_z ℓ = D_m B D_m = diag(h) + γ w_f w_fᵀ − w_u w_fᵀ − w_f w_uᵀ} (ReLU'' = 0 almost
   * everywhere), the z-space form of the rank-2 term the assembly adds.
   */
  @Override
  public ZStructure zStructure(DerivativeSums sums) {
    Terms t = (Terms) sums;
    return new ZStructure(new double[] {1.0, -t.kappa, 0.0},
        new double[][] {{0.0, 0.0, 0.0}, {0.0, t.gamma(), -1.0}, {0.0, -1.0, 0.0}});
  }

  /**
   * {@code ∂f_i/∂z_j = δ_ij m_j f_j − f_i m_j f_j}: {@code J = diag(m∘f) − f (m∘f)ᵀ}, so p is the
   * pass's {@code w_f}, q = f (inactive rows included) and s = {@code w_f}.
   */
  @Override
  public ZJacobian zJacobian(Globals at) {
    return new SoftmaxJacobian(relu, ((Normalisers) at).logAlpha());
  }

  /** {@code p = w_f}, {@code q = f = exp(σ(z) − log α)}, {@code s = w_f} (vector weight 1). */
  private record SoftmaxJacobian(boolean relu, double logAlpha) implements ZJacobian {
    @Override
    public void rows(double[] z, double[] b, double[][] vectorWeights, int n, double[] p, double[] q) {
      double[] wF = vectorWeights[1];
      for (int i = 0; i < n; i++) {
        p[i] = wF[i];
        q[i] = Math.exp(activation(relu, z[i]) - logAlpha);
      }
    }

    @Override
    public int lowRankWeight() {
      return 1;
    }
  }

  @Override
  public double residualShift(Globals at) {
    return 0.0;
  }

  /** {@code c_i = f_i − b_i = exp(h_i − log α) − b_i}. */
  @Override
  public double residual(double z, double b, Globals at, double shift) {
    double c = Math.exp(activation(relu, z) - ((Normalisers) at).logAlpha()) - b;
    return shift == 0.0 ? c : c * Math.exp(-shift);
  }

  /** {@code ‖diag(f) − ffᵀ‖₂ ≤ ½} and ReLU is 1-Lipschitz. */
  @Override
  public ResidualBound residualBound() {
    return new ResidualBound.Softmax();
  }

  @Override
  public boolean normalised() {
    return true;
  }

  @Override
  public double prediction(double z, Globals over) {
    return Math.exp(activation(relu, z) - ((Normalisers) over).logAlpha());
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
  public boolean equals(Object o) {
    return o instanceof SoftmaxRegression other && other.relu == relu;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(relu);
  }
}
