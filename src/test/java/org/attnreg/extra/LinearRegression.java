package org.attnreg.extra;

import org.attnreg.problem.DerivativeSums;
import org.attnreg.problem.FittedLink;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LocalTerms;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.ResidualBound;
import org.attnreg.problem.Residuals;
import org.attnreg.problem.ValuePoint;
import org.attnreg.problem.ValueSums;
import org.attnreg.problem.ZStructure;

/**
 * A family defined outside the product, to show that one class is all a family takes: plain least
 * squares {@code ½‖Ax − b‖²} (residual {@code r = z − b}, {@code ∇L = Aᵀr}, {@code ∇²L = AᵀA}). It
 * declares a residual model and a fitted link but no start policy and no traps, so it starts at the
 * origin and warns of nothing.
 */
public final class LinearRegression implements LossFamily, Residuals, FittedLink {
  private static final long serialVersionUID = 1L;

  @Override
  public String id() {
    return "linear";
  }

  @Override
  public double shiftOf(double z) {
    return 0.0;
  }

  @Override
  public ValueSums newValueSums() {
    return new Sums();
  }

  @Override
  public DerivativeSums newDerivativeSums(Globals globals) {
    return new Terms();
  }

  @Override
  public Globals globals(double[] values) {
    return Globals.NONE;
  }

  /** ½Σr² (degree 0). */
  private static final class Sums implements ValueSums {
    private static final long serialVersionUID = 1L;
    private double halfR2;
    private double scale;

    @Override
    public void addRows(double[] z, double[] b, int n, double shift) {
      for (int i = 0; i < n; i++) {
        double r = z[i] - b[i];
        halfR2 += 0.5 * r * r;
        scale += Math.abs(r) * (Math.abs(z[i]) + Math.abs(b[i]));
      }
    }

    @Override
    public void rescale(double factor) {
      // degree 0
    }

    @Override
    public void addRescaled(ValueSums other, double factor) {
      halfR2 += ((Sums) other).halfR2;
      scale += ((Sums) other).scale;
    }

    @Override
    public ValuePoint finish(double shift) {
      return new ValuePoint(halfR2, 1e-15 * (halfR2 + scale), Globals.NONE);
    }
  }

  /** Vector weight r, Hessian weight 1, scalar ½Σr². */
  private static final class Terms implements LocalTerms {
    private static final long serialVersionUID = 1L;
    private double halfR2;

    @Override
    public int vectors() {
      return 1;
    }

    @Override
    public void addRows(double[] z, double[] b, int n, double[][] vectorWeights, double[] hessianWeights) {
      for (int i = 0; i < n; i++) {
        double r = z[i] - b[i];
        halfR2 += 0.5 * r * r;
        vectorWeights[0][i] = r;
        hessianWeights[i] = 1.0;
      }
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

  @Override
  public double residualShift(Globals at) {
    return 0.0;
  }

  @Override
  public double residual(double z, double b, Globals at, double shift) {
    return (z - b) * Math.exp(-shift);
  }

  @Override
  public ZStructure zStructure(DerivativeSums sums) {
    return new ZStructure(new double[] {1.0}, new double[][] {{0.0}});
  }

  /** {@code ∂r/∂z = I}: the residual moves exactly by {@code ‖Ex‖}. */
  @Override
  public ResidualBound residualBound() {
    return new Identity();
  }

  @Override
  public boolean normalised() {
    return false;
  }

  @Override
  public double prediction(double z, Globals over) {
    return z;
  }

  /** {@code L_z = 1}; a priori {@code ‖Δc‖/‖E‖_F ≤ ‖x‖ ≤ R}. */
  record Identity() implements ResidualBound {
    @Override
    public String formula() {
      return "‖Δc‖ = ‖Ex‖ ≤ ‖x‖‖E‖_F";
    }

    @Override
    public double rowSlope(double z0, double z1, double shift) {
      return 0.0;
    }

    @Override
    public double lipschitzInZ(double maxRowSlope, long n, double bNorm) {
      return 1.0;
    }

    @Override
    public double aPriori(double radius, long n, double bNorm, double shift) {
      return radius * Math.exp(-shift);
    }
  }
}
