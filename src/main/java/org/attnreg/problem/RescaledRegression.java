package org.attnreg.problem;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.Vectors;

/**
 * Rescaled exp, cosh and sinh regression (arXiv 2305.00660, maths.md §5). With
 * {@code u = f(Ax)} entrywise ({@code f ∈ {exp, cosh, sinh}}), {@code v = f'(Ax)},
 * {@code α = ⟨u,1⟩}, {@code c = u − αb} and {@code B2 = ‖b‖²}:
 * <pre>
 *   L(x)  = ½‖c‖²
 *   ∇L    = Aᵀ(v∘(c − ⟨c,b⟩1))
 *   ∇²L   = Aᵀ diag(v² + u∘(c − ⟨c,b⟩1)) A + B2·Vv Vvᵀ − Vvb Vvᵀ − Vv Vvbᵀ,
 *           Vv = Aᵀv,  Vvb = Aᵀ(v∘b).
 * </pre>
 * The diagonal weight is indefinite and carries the global ⟨c,b⟩; the rank-2 part is assembled
 * exactly on the driver.
 *
 * <p><b>Scale.</b> Every data term is homogeneous of degree 2 in {@code e^m}. Sums use
 * {@code ũ = e^{-m}u}, {@code ṽ = e^{-m}v} relative to a shift {@code m ≥ max shiftOf(z)}
 * ({@code max z} for exp, {@code max |z|} for cosh and sinh), so none overflows. Value pass:
 * {@code al = Σũ} (degree 1), {@code Tub = Σũb} (1), {@code Tuu = Σũ²} (2), {@code B2} (0), giving
 * {@code L = e^{2m}·½(Tuu − 2 al Tub + al² B2)}. Its globals are the global m, the scaled
 * {@code al = e^{-m}α} and {@code cb = Tub − al·B2 = e^{-m}⟨c,b⟩}. The derivative pass then uses
 * {@code c̃ = ũ − al·b = e^{-m}c} directly and returns every piece times {@code e^{-2m}}
 * ({@link #logScale} = 2m), which leaves the Newton step unchanged; its ⟨c,b⟩ in the gradient is
 * summed in the same pass, and its loss is {@code e^{2m}·½Σc̃²}, free of the value form's
 * cancellation. The loss at true scale is +∞ when {@code e^{2m}} overflows (m ≳ 354).
 *
 * <p><b>Traps</b> (maths.md §9.3, §9.4): rescaled sinh has the trivial global minimiser x = 0
 * ({@code u(0) = 0}) for every b; rescaled cosh is even (x = 0 stationary, ±x* both minimisers);
 * rescaled exp is homogeneous, so a direction d with {@code Ad < 0} (an intercept column) lowers the
 * loss without bound and no minimiser exists (the solver reports that as unbounded).
 */
public final class RescaledRegression implements LossFamily, Residuals, FittedLink, StartPolicy, Traps {
  private static final long serialVersionUID = 1L;

  /** Relative rounding of the summed value form. */
  private static final double VALUE_ROUNDING = 1e-13;

  /** Norm of the default start for cosh and sinh: margins of order 1 on rows of unit norm. */
  static final double START_NORM = 1.0;

  /** {@code e^t} is finite and normal for |t| below this. */
  private static final double MAX_EXP_ARGUMENT = 700.0;

  /** The largest gap between a fused pass's predicted and exact shift it corrects. */
  private static final double MAX_SHIFT_GAP = 30.0;

  /**
   * The largest change of the normaliser {@code α} a fused pass corrects, relative to
   * {@code Σ|u_i|} (α itself for exp and cosh; sinh's α may cancel to 0): the error its predicted
   * Hessian weights leave is of this relative order (see {@code Terms.correctTo}).
   */
  private static final double MAX_RELATIVE_CORRECTION = 0.05;

  /** ‖x‖ below this (relative to ‖x₀‖, or 1) counts as the trivial minimiser of rescaled sinh. */
  private static final double TRIVIAL_NORM = 1e-6;

  private final HyperbolicFunction f;

  public RescaledRegression(HyperbolicFunction f) {
    this.f = f;
  }

  @Override
  public String id() {
    return "rescaled-" + f.id();
  }

  @Override
  public double shiftOf(double z) {
    return f.shiftOf(z);
  }

  @Override
  public ValueSums newValueSums() {
    return new Sums(f);
  }

  @Override
  public DerivativeSums newDerivativeSums(Globals globals) {
    return new Terms(f, (Scale) globals);
  }

  @Override
  public Globals globals(double[] values) {
    return new Scale(values[0], values[1], values[2]);
  }

  /**
   * The globals at a point, all relative to the value pass's shift m.
   *
   * @param m the shift
   * @param al {@code e^{-m}α = e^{-m}⟨u, 1⟩}
   * @param cb {@code e^{-m}⟨c, b⟩} of the value pass (the diagonal Hessian weight uses it)
   */
  public record Scale(double m, double al, double cb) implements Globals {
    @Override
    public double[] values() {
      return new double[] {m, al, cb};
    }
  }

  /** {@code e^{2m}·value}, finite whenever the product is (even where {@code e^{2m}} alone is not). */
  private static double atTrueScale(double value, double m) {
    double twoM = 2.0 * m;
    if (Math.abs(twoM) < MAX_EXP_ARGUMENT || value == 0.0) {
      return value * Math.exp(twoM);
    }
    return Math.copySign(Math.exp(twoM + Math.log(Math.abs(value))), value);
  }

  /**
   * {@code al = S0 = Σũ}, {@code Tub = S1 = Σũb} (degree 1), {@code Tuu = S2 = Σũ²} (degree 2),
   * {@code B2 = Σb²} (degree 0), of {@code ũ = e^{-m}f(z)}.
   */
  private static final class Sums extends ShiftedMoments {
    private static final long serialVersionUID = 1L;
    private final HyperbolicFunction f;

    Sums(HyperbolicFunction f) {
      this.f = f;
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double shift) {
      double[] u = values(n);
      for (int i = 0; i < n; i++) {
        u[i] = f.scaledValue(z[i], shift);
      }
      addMoments(u, b, n);
    }

    /** {@code L = e^{2m}·½(Tuu − 2 al Tub + al² B2)}; globals m, al and {@code cb = Tub − al·B2}. */
    @Override
    public ValuePoint finish(double shift) {
      double al = s0;
      double tub = s1;
      double tuu = s2;
      double scaledLoss = 0.5 * (tuu - 2.0 * al * tub + al * al * b2);
      double scaledResolution = VALUE_ROUNDING * (tuu + 2.0 * Math.abs(al * tub) + al * al * b2);
      return new ValuePoint(atTrueScale(scaledLoss, shift), atTrueScale(scaledResolution, shift),
          new Scale(shift, al, tub - al * b2));
    }
  }

  /**
   * Vectors {@code Aᵀ(ṽ∘c̃)}, {@code Vv = Aᵀṽ}, {@code Vvb = Aᵀ(ṽ∘b)}; scalars {@code κ = Σc̃b}, ½Σc̃²,
   * B2 (the Gauss–Newton part of γ, here all of it) and {@code Σ|ũ|}.
   */
  private static final class Terms extends RankTwoTerms<Scale> {
    private static final long serialVersionUID = 1L;
    private final HyperbolicFunction f;
    /** {@code al} of this pass's point at the pass's scale: the predicted one until {@link #correctTo}. */
    private double al;
    /** {@code Σ|ũ|}, the scale of {@code al = Σũ} a fused pass's correction is measured against. */
    private double uAbs;

    Terms(HyperbolicFunction f, Scale at) {
      super(at);
      this.f = f;
      this.al = at.al();
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double[][] vectorWeights, double[] hessianWeights) {
      double m = at.m();
      double alAt = at.al();
      double cbAt = at.cb();
      double[] wVc = vectorWeights[0];
      double[] wV = vectorWeights[1];
      double[] wVb = vectorWeights[2];
      double sumCb = 0.0;
      double c2 = 0.0;
      double bb = 0.0;
      double ua = 0.0;
      for (int i = 0; i < n; i++) {
        double u = f.scaledValue(z[i], m);
        ua += Math.abs(u);
        double v = f.scaledDerivative(z[i], m);
        double c = u - alAt * b[i];
        sumCb += c * b[i];
        c2 += c * c;
        bb += b[i] * b[i];
        wVc[i] = v * c;
        wV[i] = v;
        wVb[i] = v * b[i];
        hessianWeights[i] = v * v + u * (c - cbAt);
      }
      addBlockSums(sumCb, c2, bb);
      uAbs += ua;
    }

    @Override
    public void merge(DerivativeSums other) {
      super.merge(other);
      uAbs += ((Terms) other).uAbs;
    }

    /** Every piece is {@code e^{-2m}} times the true one. */
    @Override
    public double logScale() {
      return 2.0 * at.m();
    }

    /** The Hessian gains {@code B2·Vv Vvᵀ − Vvb Vvᵀ − Vv Vvbᵀ} (and {@code ∇L = Vvc − ⟨c̃,b⟩ Vv}). */
    @Override
    double gamma() {
      return gaussNewtonGamma;
    }

    @Override
    double dataLoss() {
      return atTrueScale(halfC2, at.m());
    }

    /**
     * The predicted shift m̃ only scales every piece (it stays the pass's scale); the normaliser
     * enters through {@code c̃ = ũ − al̃ b}. With the exact {@code al} taken to the same scale,
     * {@code δ = al·e^{m − m̃} − al̃}, the exact {@code c = c̃ − δ b}, so
     * <pre>
     *   Aᵀ(ṽ∘c) ← Aᵀ(ṽ∘c̃) − δ Aᵀ(ṽ∘b),   Σc b ← Σc̃ b − δ B2,   ½Σc² ← ½Σc̃² − δ Σc̃ b + ½δ² B2,
     * </pre>
     * with no cancellation beyond that of δ itself. Refused where the two shifts are too far apart
     * for {@code e^{m − m̃}} to stay well inside the floating-point range, or where α moved by more
     * than 5 % of {@code Σ|u|} (the predicted Hessian weights would then be that far off).
     */
    @Override
    public boolean correctTo(Globals exact, double[][] vectorSums, boolean curvatureRescales) {
      Scale e = (Scale) exact;
      double shiftGap = e.m() - at.m();
      if (!(Math.abs(shiftGap) <= MAX_SHIFT_GAP)) {
        return false;
      }
      double alExact = e.al() * Math.exp(shiftGap);
      double delta = alExact - at.al();
      if (!(Math.abs(delta) <= MAX_RELATIVE_CORRECTION * uAbs)) {
        return false;
      }
      double[] vVc = vectorSums[0];
      double[] vVb = vectorSums[2];
      for (int j = 0; j < vVc.length; j++) {
        vVc[j] -= delta * vVb[j];
      }
      double cbPredicted = kappa;
      double b2 = gaussNewtonGamma;
      kappa = kappa - delta * b2;
      halfC2 = halfC2 - delta * cbPredicted + 0.5 * delta * delta * b2;
      al = alExact;
      return true;
    }

    /**
     * At the pass's fixed shift m, {@code ∇al = Aᵀṽ = Vv} and
     * {@code ∇⟨c̃,b⟩ = ∇(Tub − al·B2) = Vvb − B2·Vv}.
     */
    @Override
    public GlobalsSlope slope(double[][] vectorSums) {
      double[] vv = vectorSums[1].clone();
      double[] vvb = vectorSums[2].clone();
      double m = at.m();
      double alHere = al;
      double cbHere = kappa;
      double b2Here = gaussNewtonGamma;
      return dx -> {
        double dAl = Vectors.dot(vv, dx);
        return new Scale(m, alHere + dAl, cbHere + Vectors.dot(vvb, dx) - b2Here * dAl);
      };
    }
  }

  /**
   * {@code g̃ = ṽ∘(c̃ − ⟨c̃,b⟩1) = w_vc − cb·w_v} (cb summed in the derivative pass), and
   * {@code ∇²_z ℓ = diag(h) + B2·w_v w_vᵀ − w_vb w_vᵀ − w_v w_vbᵀ} (the Gauss–Newton factor
   * {@code diag(v)PᵀP diag(v)} contributes the rank-2 part), scaled by {@code e^{-2m}}.
   */
  @Override
  public ZStructure zStructure(DerivativeSums sums) {
    return ((Terms) sums).zStructure();
  }

  /** {@code c = u − (Σu) b}: {@code J = diag(ṽ) − b ṽᵀ}, so p = {@code w_v}, q = b and s = {@code w_v}. */
  @Override
  public ZJacobian zJacobian(Globals at) {
    return new RescaledJacobian();
  }

  /** {@code p = w_v}, {@code q = b}, {@code s = w_v} (vector weight 1), all in the pass's scale. */
  private record RescaledJacobian() implements ZJacobian {
    @Override
    public void rows(double[] z, double[] b, double[][] vectorWeights, int n, double[] p, double[] q) {
      System.arraycopy(vectorWeights[1], 0, p, 0, n);
      System.arraycopy(b, 0, q, 0, n);
    }

    @Override
    public int lowRankWeight() {
      return 1;
    }
  }

  /** The shift m of the value pass: {@code e^{-m}c} is finite wherever the sums are. */
  @Override
  public double residualShift(Globals at) {
    return ((Scale) at).m();
  }

  /** {@code e^{-s}c_i = e^{-s}u(z) − (e^{-m}α)·e^{m−s}·b_i}. */
  @Override
  public double residual(double z, double b, Globals at, double shift) {
    Scale g = (Scale) at;
    return f.scaledValue(z, shift) - g.al() * Math.exp(g.m() - shift) * b;
  }

  /** {@code c = (I − b1ᵀ)u}: the projector's norm times the entrywise bound of u. */
  @Override
  public ResidualBound residualBound() {
    return new ResidualBound.Entrywise(f, true);
  }

  @Override
  public boolean normalised() {
    return true;
  }

  /** {@code b = u(z)/α = ũ/al}: the exact fit at z, with Σb = 1. */
  @Override
  public double prediction(double z, Globals over) {
    Scale g = (Scale) over;
    return f.scaledValue(z, g.m()) / g.al();
  }

  /**
   * The origin for exp (where {@code u = 1}; used only when the least-squares start is unavailable).
   * For cosh (stationary origin) and sinh (trivial minimiser at the origin) the fixed alternating
   * vector {@code x_j = (−1)^j/√d}. Measured on planted instances (n = 2000, d = 6, six seeds):
   * rescaled cosh took 15 passes per solve from it, 16 from norm ½, and from norm 0.1 one solve in
   * six ended at the stationary origin. Rescaled sinh ends at its trivial minimiser from most
   * data-free starts (6/6 from norm ½, 5/6 from norm 1, 4/6 from norm 2): a useful sinh solve needs
   * a start near the wanted solution, and its warnings say so.
   */
  @Override
  public double[] defaultStart(int d) {
    return f == HyperbolicFunction.EXP ? null : Starts.alternating(d, START_NORM);
  }

  /** For exp, {@code b ∝ e^z}: fit {@code Ax ≈ log b} up to a constant. cosh and sinh have none. */
  @Override
  public InverseLinkFit inverseLinkFit() {
    return f == HyperbolicFunction.EXP ? new InverseLinkFit(f, true) : null;
  }

  @Override
  public List<String> warningsFor(double[] x0, double[] x, boolean unbounded) {
    List<String> warnings = new ArrayList<>();
    if (f == HyperbolicFunction.COSH && Starts.isZero(x0)) {
      warnings.add(Starts.EVEN_AT_ZERO);
    }
    if (f == HyperbolicFunction.SINH) {
      warnings.addAll(sinhWarnings(x0, x));
    }
    if (f == HyperbolicFunction.EXP && unbounded) {
      warnings.add("rescaled exp is homogeneous: along a direction d with Ad < 0 everywhere (for example an"
          + " intercept column) L(x + td) → 0 as t → ∞, so no minimiser exists; drop the intercept or add a"
          + " row weight w or ridge");
    }
    return warnings;
  }

  /** Rescaled sinh's trivial minimiser: ‖x‖ below {@value #TRIVIAL_NORM} (relative to ‖x₀‖, or 1). */
  @Override
  public boolean isTrivial(double[] x0, double[] x) {
    return f == HyperbolicFunction.SINH && Vectors.norm(x) <= TRIVIAL_NORM * Math.max(1.0, Vectors.norm(x0));
  }

  /**
   * For sinh: {@code b ∝ sinh(Ax)} and sinh is linear near 0, so {@code Ax ≈ S·asinh(b)} for the unknown
   * sum S: the least-squares fit to {@code asinh(b)} (nearly b itself, the targets summing to 1) gives
   * the direction of the margins, and a value pass along it their scale.
   */
  @Override
  public InverseLinkFit directionFit() {
    return f == HyperbolicFunction.SINH ? new InverseLinkFit(f, false) : null;
  }

  private List<String> sinhWarnings(double[] x0, double[] x) {
    List<String> warnings = new ArrayList<>();
    warnings.add("rescaled sinh: x = 0 is a global minimiser for every b (u(0) = 0, so L(0) = 0); a solution"
        + " away from 0 depends on the start");
    if (isTrivial(x0, x)) {
      warnings.add("rescaled sinh: the solve ended at x ≈ 0 (‖x‖ = " + Vectors.norm(x)
          + "), the trivial minimiser, not a fit of b");
    }
    return warnings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RescaledRegression other && other.f == f;
  }

  @Override
  public int hashCode() {
    return f.hashCode();
  }
}
