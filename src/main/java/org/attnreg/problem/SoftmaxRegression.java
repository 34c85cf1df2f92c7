package org.attnreg.problem;

import java.util.List;
import org.attnreg.linalg.Vectors;

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

  /**
   * The largest {@code |log(α̃/α)|} a fused pass corrects (see {@code Terms.correctTo}): the error
   * its predicted Hessian weights leave is of this relative order, and 5 % is what the quadratic
   * phase stays well below; farther out an ordinary derivative pass is the better buy.
   */
  private static final double MAX_LOG_CORRECTION = 0.05;

  /**
   * The largest {@code |log(α̃/α)|} a fused pass corrects when its curvature rescales exactly
   * ({@code curvatureRescales}, the Gauss–Newton sketch): no Hessian weight then keeps a
   * prediction, every corrected sum is a product with factors {@code s = α̃/α ∈ [e⁻¹, e]} and
   * {@code s − 1} without cancellation, so only rounding of that order bounds it.
   */
  private static final double MAX_LOG_RESCALED_CORRECTION = 1.0;

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
      double[] e = values(n);
      for (int i = 0; i < n; i++) {
        e[i] = Math.exp(activation(relu, z[i]) - shift);
      }
      addMoments(e, b, n);
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
   * κ, ½Σc² and ⟨f, f⟩ (the Gauss–Newton part of γ) of this pass.
   */
  private static final class Terms extends RankTwoTerms<Normalisers> {
    private static final long serialVersionUID = 1L;
    private final boolean relu;
    /** {@code log α} of this pass's point: the predicted one until {@link #correctTo} replaces it. */
    private double logAlpha;
    /**
     * {@code α̃/α} once corrected, else 1: every row's {@code f = e^{σ(z)}/α} and {@code w_f}, the
     * z-Jacobian's p and q, taken with α̃ are this factor short of their exact values.
     */
    private double jacobianCorrection = 1.0;

    Terms(boolean relu, Normalisers at) {
      super(at);
      this.relu = relu;
      this.logAlpha = at.logAlpha();
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double[][] vectorWeights, double[] hessianWeights) {
      double logAlphaAt = at.logAlpha();
      double kappaAt = at.kappa();
      double[] wFc = vectorWeights[0];
      double[] wF = vectorWeights[1];
      double[] wU = vectorWeights[2];
      double k = 0.0;
      double c2 = 0.0;
      double f2 = 0.0;
      for (int i = 0; i < n; i++) {
        double zi = z[i];
        double f = Math.exp(activation(relu, zi) - logAlphaAt);
        double c = f - b[i];
        k += f * c;
        c2 += c * c;
        f2 += f * f;
        double mask = relu && !(zi > 0.0) ? 0.0 : 1.0;
        double mf = mask * f;
        wFc[i] = mf * c;
        wF[i] = mf;
        wU[i] = mf * (f + c);
        hessianWeights[i] = mf * (f + c - kappaAt);
      }
      addBlockSums(k, c2, f2);
    }

    @Override
    public double logScale() {
      return 0.0;
    }

    /**
     * The Hessian gains {@code γ p pᵀ − q pᵀ − p qᵀ}, γ = ⟨f,f⟩ + 2κ, with κ summed in this pass (which
     * also gives {@code ∇L = Aᵀw_fc − κ p}).
     */
    @Override
    double gamma() {
      return gaussNewtonGamma + 2.0 * kappa;
    }

    @Override
    double dataLoss() {
      return halfC2;
    }

    /**
     * With {@code f̃ = exp(h − log α̃)} from the predicted normaliser, the exact {@code f = s f̃},
     * {@code s = α̃/α}, and {@code c = c̃ + (s − 1) f̃}. Every sum is then the predicted one times a
     * power of s plus a multiple of {@code s − 1} of {@code Q = Aᵀ(m∘f̃²) = Aᵀw_u − Aᵀw_fc}:
     * <pre>
     *   Aᵀw_fc ← s Aᵀw_fc + s(s−1) Q,   Aᵀw_f ← s Aᵀw_f,   Aᵀw_u ← s Aᵀw_u + 2s(s−1) Q,
     *   κ ← s κ + s(s−1) Σf̃²,   ⟨f,f⟩ ← s² Σf̃²,   ½Σc² ← ½Σc̃² + (s−1) Σf̃c̃ + ½(s−1)² Σf̃².
     * </pre>
     * The difference in Q loses digits only in proportion to {@code s − 1}, which is small where the
     * prediction is good; beyond {@code |log s| > 0.05} the correction is refused.
     */
    @Override
    public boolean correctTo(Globals exact, double[][] vectorSums, boolean curvatureRescales) {
      double logS = at.logAlpha() - ((Normalisers) exact).logAlpha();
      if (!(Math.abs(logS) <= (curvatureRescales ? MAX_LOG_RESCALED_CORRECTION : MAX_LOG_CORRECTION))) {
        return false;
      }
      double s = Math.exp(logS);
      jacobianCorrection = s;
      double sm1 = Math.expm1(logS);
      double[] vFc = vectorSums[0];
      double[] vF = vectorSums[1];
      double[] vU = vectorSums[2];
      for (int j = 0; j < vFc.length; j++) {
        double q = vU[j] - vFc[j];
        vFc[j] = s * vFc[j] + s * sm1 * q;
        vF[j] = s * vF[j];
        vU[j] = s * vU[j] + 2.0 * s * sm1 * q;
      }
      double fcPredicted = kappa;
      double ff = gaussNewtonGamma;
      kappa = s * kappa + s * sm1 * ff;
      halfC2 = halfC2 + sm1 * fcPredicted + 0.5 * sm1 * sm1 * ff;
      gaussNewtonGamma = s * s * ff;
      logAlpha = ((Normalisers) exact).logAlpha();
      return true;
    }

    @Override
    public double jacobianCorrection() {
      return jacobianCorrection;
    }

    /**
     * {@code ∇ log α = p = Aᵀw_f} and {@code ∇κ = Σ(2f − b)∇f = q − ⟨2f − b, f⟩ p = Aᵀw_u − (⟨f,f⟩ + κ) p},
     * from {@code ∂f_i = f_i (m_i a_i − p)}.
     */
    @Override
    public GlobalsSlope slope(double[][] vectorSums) {
      double[] p = vectorSums[1].clone();
      double[] q = vectorSums[2].clone();
      double logAlphaHere = logAlpha;
      double kappaHere = kappa;
      double pWeight = gaussNewtonGamma + kappa;
      return dx -> {
        double dp = Vectors.dot(p, dx);
        return new Normalisers(logAlphaHere + dp, kappaHere + Vectors.dot(q, dx) - pWeight * dp);
      };
    }
  }

  /**
   * {@code g = m∘(f∘c − κ f) = w_fc − κ w_f} (κ summed in the derivative pass), and
   * {@code ∇²_z ℓ = D_m B D_m = diag(h) + γ w_f w_fᵀ − w_u w_fᵀ − w_f w_uᵀ} (ReLU'' = 0 almost
   * everywhere), the z-space form of the rank-2 term the assembly adds.
   */
  @Override
  public ZStructure zStructure(DerivativeSums sums) {
    return ((Terms) sums).zStructure();
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
