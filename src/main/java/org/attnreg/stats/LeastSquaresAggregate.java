package org.attnreg.stats;

import java.io.Serializable;
import java.util.Arrays;
import org.attnreg.linalg.GramScratch;
import org.attnreg.linalg.Grams;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.InverseLinkFit;

/**
 * The one-pass monoid of a least-squares start {@code min Σ_i (a_i·x + c − t_i)²} over the rows
 * whose target {@code t_i = f⁻¹(b_i)} is defined: {@code G = Σ a_i a_iᵀ}, {@code Aᵀt}, and for a
 * free constant c also {@code Σ a_i}, the row count and {@code Σ t_i}. Merging is addition; the
 * empty aggregate is the identity.
 */
public final class LeastSquaresAggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  private final InverseLinkFit fit;
  private final int d;
  private final double[] gram;
  private final double[] at;
  private final double[] sumA;
  private double rowsUsed;
  private double sumT;
  private transient double[] mask;
  private transient double[] t;
  private transient GramScratch scratch;

  private LeastSquaresAggregate(InverseLinkFit fit, int d) {
    this.fit = fit;
    this.d = d;
    this.gram = new double[squareLength(d)];
    this.at = new double[d];
    this.sumA = new double[d];
  }

  /** The identity for dimension d. */
  public static LeastSquaresAggregate empty(InverseLinkFit fit, int d) {
    return new LeastSquaresAggregate(fit, d);
  }

  /** Adds one block's rows. */
  public LeastSquaresAggregate add(RowBlock block) {
    int n = block.rows();
    if (n == 0) {
      return this;
    }
    ensureScratch(n);
    double[] b = block.b();
    for (int i = 0; i < n; i++) {
      double ti = fit.target(b[i]);
      boolean used = Double.isFinite(ti);
      mask[i] = used ? 1.0 : 0.0;
      t[i] = used ? ti : 0.0;
      rowsUsed += mask[i];
      sumT += t[i];
    }
    block.addGram(mask, gram, d, scratch);
    block.addTransposeTimes(t, at);
    block.addTransposeTimes(mask, sumA);
    return this;
  }

  /** Adds another aggregate's rows; returns this. */
  public LeastSquaresAggregate merge(LeastSquaresAggregate other) {
    addInto(gram, other.gram);
    addInto(at, other.at);
    addInto(sumA, other.sumA);
    rowsUsed += other.rowsUsed;
    sumT += other.sumT;
    return this;
  }

  /**
   * Driver: the normal equations of the fit in x (and the constant c last, when it is free), or null
   * if no row had a target.
   */
  public NormalEquations finish() {
    if (rowsUsed == 0.0) {
      return null;
    }
    int k = fit.freeConstant() ? d + 1 : d;
    double[] normal = new double[squareLength(k)];
    double[] rhs = Arrays.copyOf(at, k);
    double[] full = Grams.mirrorLower(gram.clone(), d);
    for (int j = 0; j < d; j++) {
      System.arraycopy(full, j * d, normal, j * k, d);
    }
    if (fit.freeConstant()) {
      for (int j = 0; j < d; j++) {
        normal[j * k + d] = sumA[j];
        normal[d * k + j] = sumA[j];
      }
      normal[d * k + d] = rowsUsed;
      rhs[d] = sumT;
    }
    return new NormalEquations(normal, rhs, d);
  }

  /**
   * {@code M·(x, c) = r}, row-major k×k with k = d or d + 1.
   *
   * @param d the length of x (the unknowns after it, if any, are dropped from the start)
   */
  public record NormalEquations(double[] matrix, double[] rhs, int d) {}

  /** The pass that sums this aggregate over the rows. */
  public static BlockPass<RowBlock, Void, LeastSquaresAggregate> pass(InverseLinkFit fit, int d) {
    return new BlockPass<>("least-squares start", null, () -> empty(fit, d),
        (agg, block, unused) -> agg.add(block), LeastSquaresAggregate::merge);
  }

  /** The length of a k×k array, refused (not wrapped around in int) when one Java array cannot hold it. */
  private static int squareLength(int k) {
    long length = (long) k * k;
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("d = " + k + ": a d×d least-squares Gram has " + length
          + " entries, more than one Java array holds");
    }
    return (int) length;
  }

  private static void addInto(double[] mine, double[] theirs) {
    for (int j = 0; j < mine.length; j++) {
      mine[j] += theirs[j];
    }
  }

  private void ensureScratch(int n) {
    if (mask == null || mask.length < n) {
      mask = new double[n];
      t = new double[n];
    }
    if (scratch == null) {
      scratch = new GramScratch();
    }
  }
}
