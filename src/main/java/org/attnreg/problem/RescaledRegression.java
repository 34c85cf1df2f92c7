package org.attnreg.problem;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.Vectors;

/**
 * Rescaled exp, cosh and sinh regression (arXiv 2305.00660, {@code MATH.md} §5). With
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
 * <p><b>Traps</b> ({@code MATH.md} §9): rescaled sinh has the trivial global minimiser x = 0
 * ({@code u(0) = 0}) for every b; rescaled cosh is even (x = 0 stationary, ±x* both minimisers);
 * rescaled exp is homogeneous, so a direction d with {@code Ad < 0} (an intercept column) lowers the
 * loss without bound and no minimiser exists (the solver reports that as unbounded).
 */
public final class RescaledRegression implements LossFamily {
  private static final long serialVersionUID = 1L;

  /** Relative rounding of the summed value form. */
  private static final double VALUE_ROUNDING = 1e-13;

  /** Norm of the default start for cosh and sinh: margins of order 1 on rows of unit norm. */
  static final double START_NORM = 1.0;

  /** {@code e^t} is finite and normal for |t| below this. */
  private static final double MAX_EXP_ARGUMENT = 700.0;

  /** ‖x‖ below this (relative to ‖x₀‖, or 1) counts as the trivial minimiser of rescaled sinh. */
  private static final double TRIVIAL_NORM = 1e-6;

  private static final int[] VALUE_DEGREES = {1, 1, 2, 0};

  private final HyperbolicFunction f;

  public RescaledRegression(HyperbolicFunction f) {
    this.f = f;
  }

  @Override
  public String id() {
    return "rescaled-" + f.id();
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
    return f.shiftOf(z);
  }

  @Override
  public void addValueRows(double[] z, double[] b, int n, double shift, double[] sums) {
    double al = 0.0;
    double tub = 0.0;
    double tuu = 0.0;
    double b2 = 0.0;
    for (int i = 0; i < n; i++) {
      double u = f.scaledValue(z[i], shift);
      al += u;
      tub += u * b[i];
      tuu += u * u;
      b2 += b[i] * b[i];
    }
    sums[0] += al;
    sums[1] += tub;
    sums[2] += tuu;
    sums[3] += b2;
  }

  @Override
  public ValuePoint finishValue(double shift, double[] sums) {
    double al = sums[0];
    double tub = sums[1];
    double tuu = sums[2];
    double b2 = sums[3];
    double scaledLoss = 0.5 * (tuu - 2.0 * al * tub + al * al * b2);
    double scaledResolution = VALUE_ROUNDING * (tuu + 2.0 * Math.abs(al * tub) + al * al * b2);
    double cb = tub - al * b2;
    return new ValuePoint(atTrueScale(scaledLoss, shift), atTrueScale(scaledResolution, shift),
        new double[] {shift, al, cb});
  }

  /** {@code e^{2m}·value}, finite whenever the product is (even where {@code e^{2m}} alone is not). */
  private static double atTrueScale(double value, double m) {
    double twoM = 2.0 * m;
    if (Math.abs(twoM) < MAX_EXP_ARGUMENT || value == 0.0) {
      return value * Math.exp(twoM);
    }
    return Math.copySign(Math.exp(twoM + Math.log(Math.abs(value))), value);
  }

  @Override
  public double logScale(double[] globals) {
    return 2.0 * globals[0];
  }

  @Override
  public int derivativeVectors() {
    return 3;
  }

  @Override
  public int derivativeScalars() {
    return 3;
  }

  /** Vectors {@code Aᵀ(ṽ∘c̃)}, {@code Vv = Aᵀṽ}, {@code Vvb = Aᵀ(ṽ∘b)}; scalars Σc̃b, ½Σc̃², B2. */
  @Override
  public void derivativeRows(double[] z, double[] b, int n, double[] globals, double[][] vectorWeights,
      double[] hessianWeights, double[] scalars) {
    double m = globals[0];
    double al = globals[1];
    double cbValue = globals[2];
    double[] wVc = vectorWeights[0];
    double[] wV = vectorWeights[1];
    double[] wVb = vectorWeights[2];
    double cb = 0.0;
    double halfC2 = 0.0;
    double b2 = 0.0;
    for (int i = 0; i < n; i++) {
      double u = f.scaledValue(z[i], m);
      double v = f.scaledDerivative(z[i], m);
      double c = u - al * b[i];
      cb += c * b[i];
      halfC2 += c * c;
      b2 += b[i] * b[i];
      wVc[i] = v * c;
      wV[i] = v;
      wVb[i] = v * b[i];
      hessianWeights[i] = v * v + u * (c - cbValue);
    }
    scalars[0] += cb;
    scalars[1] += 0.5 * halfC2;
    scalars[2] += b2;
  }

  @Override
  public double assemble(double[][] vectorSums, double[] scalars, double[] globals, double[] gradient,
      double[] hessian) {
    double cb = scalars[0];
    double b2 = scalars[2];
    double[] vc = vectorSums[0];
    double[] vv = vectorSums[1];
    double[] vvb = vectorSums[2];
    int d = gradient.length;
    for (int j = 0; j < d; j++) {
      gradient[j] = vc[j] - cb * vv[j];
    }
    for (int j = 0; j < d; j++) {
      int row = j * d;
      for (int k = 0; k < d; k++) {
        hessian[row + k] += b2 * vv[j] * vv[k] - vvb[j] * vv[k] - vv[j] * vvb[k];
      }
    }
    return atTrueScale(scalars[1], globals[0]);
  }

  /** {@code g̃ = ṽ∘(c̃ − ⟨c̃,b⟩1) = w_vc − cb·w_v}, with cb summed in the derivative pass. */
  @Override
  public double[] zGradientCoefficients(double[] scalars, double[] globals) {
    return new double[] {1.0, -scalars[0], 0.0};
  }

  /**
   * {@code ∇²_z ℓ = diag(h) + B2·w_v w_vᵀ − w_vb w_vᵀ − w_v w_vbᵀ} (MATH.md §5: the Gauss–Newton
   * factor {@code diag(v)PᵀP diag(v)} contributes the rank-2 part), scaled by {@code e^{-2m}}.
   */
  @Override
  public double[][] zHessianLowRank(double[] scalars, double[] globals) {
    double b2 = scalars[2];
    return new double[][] {{0.0, 0.0, 0.0}, {0.0, b2, -1.0}, {0.0, -1.0, 0.0}};
  }

  /** The shift m of the value pass: {@code e^{-m}c} is finite wherever the sums are. */
  @Override
  public double residualShift(double[] globals) {
    return globals[0];
  }

  /** {@code e^{-s}c_i = e^{-s}u(z) − (e^{-m}α)·e^{m−s}·b_i}, from the globals {@code (m, e^{-m}α, ·)}. */
  @Override
  public double residual(double z, double b, double[] globals, double shift) {
    return f.scaledValue(z, shift) - globals[1] * Math.exp(globals[0] - shift) * b;
  }

  /** {@code b = u(z)/α = ũ/al}: the exact fit at z, with Σb = 1. */
  @Override
  public double plantedTarget(double z, double[] globals) {
    return f.scaledValue(z, globals[0]) / globals[1];
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

  private static List<String> sinhWarnings(double[] x0, double[] x) {
    List<String> warnings = new ArrayList<>();
    warnings.add("rescaled sinh: x = 0 is a global minimiser for every b (u(0) = 0, so L(0) = 0); a solution"
        + " away from 0 depends on the start");
    if (Vectors.norm(x) <= TRIVIAL_NORM * Math.max(1.0, Vectors.norm(x0))) {
      warnings.add("rescaled sinh: the solve ended at x ≈ 0 (‖x‖ = " + Vectors.norm(x)
          + "), the trivial minimiser, not a fit of b");
    }
    return warnings;
  }
}
