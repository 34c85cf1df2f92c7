package org.attnreg.stats;

import java.io.Serializable;
import java.util.Arrays;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.DerivativeSums;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;

/**
 * The derivative-pass monoid: the family's d-vector sums {@code Σ w_ik a_i} and scalar sums, the
 * curvature {@code Aᵀ diag(h) A} (exact or sketched), and the regulariser's {@code Σ w_i² z_i a_i}
 * and {@code Σ w_i² z_i²} (w_i the rows' own weights, 1 when the input has none). With the globals
 * fixed by the value pass every term is a plain sum, so merging is addition and the empty
 * aggregate is the identity.
 */
public final class DerivativeAggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DerivativeSums terms;
  private final Regularizer reg;
  private final int d;
  private final int familyVectors;
  private final int vectorCount;
  private final double[][] vectors;
  /** {@code Σ w_i² z_i²} for the regulariser's loss. */
  private double squares;
  private final Curvature.Accumulator curvature;
  private final double logScale;
  private long rows;
  private transient double[] z;
  private transient double[] h;
  private transient double[][] weights;

  private DerivativeAggregate(LossFamily family, Globals globals, Regularizer reg, int d,
      Curvature.Accumulator curvature) {
    this.terms = family.newDerivativeSums(globals);
    this.reg = reg;
    this.d = d;
    this.familyVectors = terms.vectors();
    this.vectorCount = familyVectors + (reg.hasRowWeight() ? 1 : 0);
    this.vectors = new double[vectorCount][d];
    this.curvature = curvature;
    this.logScale = terms.logScale();
  }

  /** The identity for dimension d, at a point whose value pass gave {@code globals}. */
  public static DerivativeAggregate empty(LossFamily family, Globals globals, Regularizer reg, int d,
      Curvature.Accumulator curvature) {
    return new DerivativeAggregate(family, globals, reg, d, curvature);
  }

  /**
   * The derivative pass at x, with the globals of the value pass at the same x and the curvature
   * accumulated as {@code curvature} says; {@code name} describes it in job descriptions.
   */
  public static BlockPass<RowBlock, double[], DerivativeAggregate> pass(Problem problem, double[] x, Globals globals,
      long iteration, Curvature curvature, String name) {
    return new BlockPass<>(name, x, () -> problem.emptyDerivative(globals, iteration, curvature),
        (agg, block, point) -> agg.add(block, point), DerivativeAggregate::merge);
  }

  public long rows() {
    return rows;
  }

  /** Adds one block's rows at point x. */
  public DerivativeAggregate add(RowBlock block, double[] x) {
    return add(block, x, null);
  }

  /**
   * Adds one block's rows at point x and shows {@code observer} the block's per-row terms (margins,
   * the family's vector weights and data Hessian weights, before the regulariser is added), so that
   * a pass computing more than the derivatives reuses them instead of recomputing them.
   */
  DerivativeAggregate add(RowBlock block, double[] x, RowTerms observer) {
    int n = block.rows();
    if (n == 0) {
      return this;
    }
    ensureScratch(n);
    block.margins(x, z);
    terms.addRows(z, block.b(), n, weights, h);
    if (observer != null) {
      observer.accept(z, weights, h, n);
    }
    double[] w2 = block.w2();
    squares += ValueAggregate.weightedSquares(z, w2, n);
    if (reg.hasRowWeight()) {
      // ½‖WAx‖² adds w² w_i² z_i a_i to the gradient and w² w_i² a_i a_iᵀ to the Hessian (scaled like the data part).
      double rowWeight = scaled(reg.w2());
      double[] regWeights = weights[vectorCount - 1];
      for (int i = 0; i < n; i++) {
        double wi2 = w2 == null ? 1.0 : w2[i];
        regWeights[i] = wi2 * z[i];
        h[i] += rowWeight * wi2;
      }
    }
    block.addTransposeTimes(weights, vectorCount, vectors);
    curvature.add(block, z, weights, h);
    rows += n;
    return this;
  }

  /** Adds another aggregate's rows; returns this. */
  public DerivativeAggregate merge(DerivativeAggregate other) {
    for (int k = 0; k < vectorCount; k++) {
      double[] mine = vectors[k];
      double[] theirs = other.vectors[k];
      for (int j = 0; j < d; j++) {
        mine[j] += theirs[j];
      }
    }
    terms.merge(other.terms);
    squares += other.squares;
    curvature.merge(other.curvature);
    rows += other.rows;
    return this;
  }

  /** Driver: assembles loss, gradient and Hessian at x (the point every block was added at). */
  public Derivatives finish(double[] x) {
    if (rows == 0) {
      throw new IllegalStateException("derivative pass saw no rows");
    }
    return assemble(x);
  }

  /**
   * Driver, for an aggregate taken with predicted globals (a fused pass): corrects the family's sums
   * to {@code exact}, the globals of x itself, and assembles. The Hessian's Gram part keeps the
   * predicted weights; loss and gradient are exact.
   *
   * @return null when the family refuses the correction (the prediction was too far off)
   */
  public Derivatives finishCorrected(double[] x, Globals exact) {
    if (rows == 0) {
      throw new IllegalStateException("derivative pass saw no rows");
    }
    return terms.correctTo(exact, familyVectorSums(), curvature.rescalesWithJacobian()) ? assemble(x) : null;
  }

  private Derivatives assemble(double[] x) {
    double[] gradient = new double[d];
    double[] hessian = curvature.gram(familyVectorSums(), terms).clone();
    double dataLoss = terms.assemble(familyVectorSums(), gradient, hessian);
    if (reg.hasRowWeight()) {
      double rowWeight = scaled(reg.w2());
      double[] rg = vectors[vectorCount - 1];
      for (int j = 0; j < d; j++) {
        gradient[j] += rowWeight * rg[j];
      }
    }
    double ridge = scaled(reg.ridge());
    for (int j = 0; j < d; j++) {
      gradient[j] += ridge * x[j];
      hessian[j * d + j] += ridge;
    }
    double loss = dataLoss + 0.5 * reg.w2() * squares
        + 0.5 * reg.ridge() * Vectors.dot(x, x);
    return new Derivatives(loss, gradient, hessian, logScale, curvature.rowsKept(), terms.slope(familyVectorSums()));
  }

  /** The family's vector sums {@code Aᵀ w_k} so far (live arrays; callers must not modify them). */
  double[][] familyVectorSums() {
    return Arrays.copyOf(vectors, familyVectors);
  }

  /** The family's own derivative sums so far (live; callers must not modify them). */
  DerivativeSums familyTerms() {
    return terms;
  }

  /** One block's per-row terms, shown to an observer of {@link #add(RowBlock, double[], RowTerms)}. */
  @FunctionalInterface
  interface RowTerms {
    /** Rows 0..n-1: margins z, the family's vector weights (its first K arrays) and data Hessian weights h. */
    void accept(double[] z, double[][] vectorWeights, double[] h, int n);
  }

  /**
   * A regulariser coefficient in the scaled units of the data pieces. A zero coefficient stays zero
   * even where e^{-logScale} overflows (all margins far below zero in a rescaled family).
   */
  double scaled(double coefficient) {
    return coefficient == 0.0 ? 0.0 : coefficient * Math.exp(-logScale);
  }

  private void ensureScratch(int n) {
    if (z == null || z.length < n) {
      z = new double[n];
      h = new double[n];
      weights = new double[vectorCount][n];
    }
  }
}
