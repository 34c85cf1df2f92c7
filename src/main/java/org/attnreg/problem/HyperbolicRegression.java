package org.attnreg.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Regularised exp, cosh and sinh regression (arXiv 2303.15725, maths.md §3). With
 * {@code f ∈ {exp, cosh, sinh}} entrywise, {@code z = Ax} and residual {@code r = f(z) − b}:
 * <pre>
 *   L(x)  = ½‖r‖²
 *   ∇L    = Aᵀ(f'(z)∘r)
 *   ∇²L   = Aᵀ diag(h) A,   h = f'(z)² + f''(z)∘r   (f'' = f)
 * </pre>
 * The loss is fully row-separable: no shift and no globals (every value sum has degree 0), one
 * gradient vector and no low-rank term. {@code h} is negative wherever {@code b_i} lies far above
 * the fit (the problem is non-convex there); the exact Gram takes signed weights and the solver
 * damps a Hessian that is not positive definite.
 *
 * <p><b>Overflow.</b> There is no normalisation to exploit: {@code f} overflows beyond |z| ≈ 710
 * and the loss beyond |z| ≈ 354. Such a point gets a non-finite loss, which the line search rejects
 * as a step too long; nothing throws. Derivative passes only run at accepted points, where every
 * {@code f(z_i)} and {@code r_i²} is finite.
 *
 * <p><b>Traps.</b> cosh is even: {@code L(x) = L(−x)}, {@code ∇L(0) = 0}, so x = 0 is always a
 * stationary point and ±x* are both minimisers. Its {@link #defaultStart} is therefore never 0.
 */
public final class HyperbolicRegression implements LossFamily, Residuals, FittedLink, StartPolicy, Traps {
  private static final long serialVersionUID = 1L;

  /** Relative rounding of one residual and of the summed loss. */
  private static final double ROUNDING = 1e-15;

  /** Norm of the cosh default start (see {@link #defaultStart}). */
  static final double COSH_START = 1.0;

  private final HyperbolicFunction f;

  public HyperbolicRegression(HyperbolicFunction f) {
    this.f = f;
  }

  @Override
  public String id() {
    return f.id();
  }

  /** Row-separable: no shift. */
  @Override
  public double shiftOf(double z) {
    return 0.0;
  }

  @Override
  public ValueSums newValueSums() {
    return new Sums(f);
  }

  @Override
  public DerivativeSums newDerivativeSums(Globals globals) {
    return new Terms(f);
  }

  @Override
  public Globals globals(double[] values) {
    return Globals.NONE;
  }

  @Override
  public boolean globalFree() {
    return true;
  }

  /** ½Σr² and Σ|r|(|f|+|b|), the rounding bound of the residuals; both of degree 0. */
  private static final class Sums implements ValueSums {
    private static final long serialVersionUID = 1L;
    private final HyperbolicFunction f;
    private double halfR2;
    private double roundingBound;

    Sums(HyperbolicFunction f) {
      this.f = f;
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double shift) {
      double r2 = 0.0;
      double bound = 0.0;
      for (int i = 0; i < n; i++) {
        double fz = f.value(z[i]);
        double r = fz - b[i];
        r2 += r * r;
        bound += Math.abs(r) * (Math.abs(fz) + Math.abs(b[i]));
      }
      halfR2 += 0.5 * r2;
      roundingBound += bound;
    }

    @Override
    public void rescale(double factor) {
      // every sum has degree 0
    }

    @Override
    public void addRescaled(ValueSums other, double factor) {
      Sums o = (Sums) other;
      halfR2 += o.halfR2;
      roundingBound += o.roundingBound;
    }

    @Override
    public ValuePoint finish(double shift) {
      return new ValuePoint(halfR2, ROUNDING * (halfR2 + roundingBound), Globals.NONE);
    }
  }

  /** The single vector weight {@code f'(z)∘r}, {@code h = f'² + f∘r}, and the scalar ½Σr². */
  private static final class Terms implements LocalTerms {
    private static final long serialVersionUID = 1L;
    private final HyperbolicFunction f;
    private double halfR2;

    Terms(HyperbolicFunction f) {
      this.f = f;
    }

    @Override
    public int vectors() {
      return 1;
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double[][] vectorWeights, double[] hessianWeights) {
      double[] fr = vectorWeights[0];
      double r2 = 0.0;
      for (int i = 0; i < n; i++) {
        double fz = f.value(z[i]);
        double fPrime = f.derivative(z[i]);
        double r = fz - b[i];
        r2 += r * r;
        fr[i] = fPrime * r;
        hessianWeights[i] = fPrime * fPrime + fz * r;
      }
      halfR2 += 0.5 * r2;
    }

    @Override
    public void merge(DerivativeSums other) {
      halfR2 += ((Terms) other).halfR2;
    }

    @Override
    public double logScale() {
      return 0.0;
    }

    @Override
    public double assemble(double[][] vectorSums, double[] gradient, double[] hessian) {
      System.arraycopy(vectorSums[0], 0, gradient, 0, gradient.length);
      return halfR2;
    }
  }

  /** {@code g = f'(z)∘r}, the single vector weight; row-separable, so {@code ∇²_z ℓ = diag(h)}. */
  @Override
  public ZStructure zStructure(DerivativeSums sums) {
    return new ZStructure(new double[] {1.0}, new double[][] {{0.0}});
  }

  /** Row-separable: {@code J = diag(f'(z))}. */
  @Override
  public ZJacobian zJacobian(Globals at) {
    return new DiagonalJacobian(f);
  }

  /** {@code p = f'(z)}, no low-rank part. */
  private record DiagonalJacobian(HyperbolicFunction f) implements ZJacobian {
    @Override
    public void rows(double[] z, double[] b, double[][] vectorWeights, int n, double[] p, double[] q) {
      for (int i = 0; i < n; i++) {
        p[i] = f.derivative(z[i]);
      }
    }

    @Override
    public int lowRankWeight() {
      return -1;
    }
  }

  @Override
  public double residualShift(Globals at) {
    return 0.0;
  }

  /** {@code c_i = f(z_i) − b_i}. */
  @Override
  public double residual(double z, double b, Globals at, double shift) {
    double c = f.value(z) - b;
    return shift == 0.0 ? c : c * Math.exp(-shift);
  }

  /** {@code diag(f'(ζ))} on the segment: its largest entry bounds the Jacobian. */
  @Override
  public ResidualBound residualBound() {
    return new ResidualBound.Entrywise(f, false);
  }

  @Override
  public boolean normalised() {
    return false;
  }

  /** {@code b = f(z)}: the exact fit at z. */
  @Override
  public double prediction(double z, Globals over) {
    return f.value(z);
  }

  /**
   * The origin for exp and sinh (used only when the least-squares start of {@link #inverseLinkFit}
   * is unavailable). For cosh, whose origin is stationary, the fixed alternating vector
   * {@code x_j = (−1)^j/√d} (margins of order 1 on rows of unit norm). Measured on planted
   * instances (n = 2000, d = 6, six seeds, exact and 5 % noisy targets) it took 16–17 passes per
   * solve, against 18 for the least-squares fit of {@code Ax} to {@code acosh b} (which cannot know
   * the signs of the margins) and 17–18 for the same vector of norm 0.1 or 2; a start much closer to
   * 0 risks ending at the stationary origin.
   */
  @Override
  public double[] defaultStart(int d) {
    if (f != HyperbolicFunction.COSH) {
      return null;
    }
    return Starts.alternating(d, COSH_START);
  }

  /** Fits {@code Ax ≈ f⁻¹(b)} for exp and sinh; none for cosh (see {@link #defaultStart}). */
  @Override
  public InverseLinkFit inverseLinkFit() {
    return f == HyperbolicFunction.COSH ? null : new InverseLinkFit(f, false);
  }

  @Override
  public List<String> warningsFor(double[] x0, double[] x, boolean unbounded) {
    List<String> warnings = new ArrayList<>();
    if (f == HyperbolicFunction.COSH && Starts.isZero(x0)) {
      warnings.add(Starts.EVEN_AT_ZERO);
    }
    return warnings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HyperbolicRegression other && other.f == f;
  }

  @Override
  public int hashCode() {
    return f.hashCode();
  }
}
