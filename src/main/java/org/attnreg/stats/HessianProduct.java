package org.attnreg.stats;

import java.io.Serializable;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.DerivativeSums;
import org.attnreg.problem.Globals;
import org.attnreg.problem.Regularizer;

/**
 * The exact Hessian at x applied to directions v, one pass each and without a d×d Gram. The
 * Hessian is {@code Aᵀ diag(h) A + R}, h the rows' Hessian weights (the regulariser's row weights
 * included) and R the family's exact low-rank terms plus the ridge, which a derivative pass
 * assembles from its vector sums. So:
 *
 * <ul>
 *   <li>the first product rides on a derivative pass without a Gram ({@link #withLowRankTerms}),
 *       whose assembly's otherwise zero Hessian is R, and sums {@code Aᵀ(h ∘ A v)} from the same
 *       rows' weights;
 *   <li>every later one ({@link #product}) needs only the margins {@code A x} and {@code A v}, h
 *       from the same globals, and {@code Aᵀ(h ∘ A v)}: two row sweeps where a Gram costs d
 *       multiply-adds per non-zero, taken window by window of rows so that each row is read from
 *       memory once.
 * </ul>
 *
 * This is what lets a sketched Hessian serve as the preconditioner of conjugate gradients on the
 * exact Newton system: each product costs about one read of A.
 */
public final class HessianProduct {
  private static final Curvature NO_GRAM = new NoCurvature();

  private HessianProduct() {}

  /** Where a product is taken: the point x and the direction v, what every block needs. */
  public record Direction(double[] x, double[] v) implements Serializable {}

  /**
   * The first product's outcome, in the units of derivatives scaled by {@code e^{-logScale}}.
   *
   * @param product H v
   * @param lowRank R, row-major d×d, for the later products at the same point
   * @param logScale the scale of both
   */
  public record Applied(double[] product, double[] lowRank, double logScale) {}

  /** The derivative pass at x (its value pass gave {@code globals}) that also applies H to v. */
  public static BlockPass<RowBlock, Direction, First> withLowRankTerms(Problem problem, Globals globals, Direction at,
      long iteration, String name) {
    return new BlockPass<>(name, at, () -> new First(problem.emptyDerivative(globals, iteration, NO_GRAM),
        new Sum(problem, globals)), First::add, First::merge);
  }

  /** Driver: H v and R from a merged {@link #withLowRankTerms} pass. */
  public static Applied finishWithLowRankTerms(First merged, Direction at) {
    Derivatives der = merged.derivatives().finish(at.x());
    return new Applied(merged.product().finish(der.hessian(), at.v(), der.logScale()), der.hessian(), der.logScale());
  }

  /**
   * The first product's monoid: a derivative pass without a Gram, whose assembly gives R, and the
   * product's sum, taken from the same rows' margins and Hessian weights.
   */
  public record First(DerivativeAggregate derivatives, Sum product) implements Serializable {
    First add(RowBlock block, Direction at) {
      derivatives.add(block, at.x(), (z, weights, h, n) -> product.addWeighted(block, at.v(), h, n));
      return this;
    }

    First merge(First other) {
      derivatives.merge(other.derivatives);
      product.merge(other.product);
      return this;
    }
  }

  /** A later product at the same point: the pass of {@code Aᵀ(h ∘ A v)}, h from {@code globals}. */
  public static BlockPass<RowBlock, Direction, Sum> product(Problem problem, Globals globals, Direction at,
      String name) {
    return new BlockPass<>(name, at, () -> new Sum(problem, globals), Sum::add, Sum::merge);
  }

  /** {@code acc + R v}, in place. */
  public static double[] addProduct(double[] acc, double[] lowRank, double[] v) {
    int d = v.length;
    for (int i = 0; i < d; i++) {
      double s = 0.0;
      for (int j = 0; j < d; j++) {
        s += lowRank[i * d + j] * v[j];
      }
      acc[i] += s;
    }
    return acc;
  }

  /** The later products' monoid: {@code Σ h_i (a_i·v) a_i}, scaled like the derivative pass at the same globals. */
  public static final class Sum implements Serializable {
    private static final long serialVersionUID = 1L;
    /** A window's stored values: 128 KB, which stays in a core's L2 cache between its two sweeps. */
    private static final long WINDOW_VALUES = 1 << 14;
    private final DerivativeSums terms;
    private final double rowWeight;
    private final double logScale;
    private final double[] sum;
    private transient double[] z;
    private transient double[] t;
    private transient double[] h;
    private transient double[] bWindow;
    private transient double[][] weights;

    Sum(Problem problem, Globals globals) {
      this.terms = problem.family().newDerivativeSums(globals);
      this.logScale = terms.logScale();
      Regularizer reg = problem.reg();
      this.rowWeight = reg.hasRowWeight() && reg.w2() != 0.0 ? reg.w2() * Math.exp(-logScale) : 0.0;
      this.sum = new double[problem.d()];
    }

    Sum add(RowBlock block, Direction at) {
      int n = block.rows();
      if (n == 0) {
        return this;
      }
      int window = windowRows(block);
      if (z == null || z.length < window) {
        z = new double[window];
        t = new double[window];
        h = new double[window];
        bWindow = new double[window];
        weights = new double[terms.vectors()][window];
      }
      double[] w2 = block.w2();
      for (int from = 0; from < n; from += window) {
        int count = Math.min(window, n - from);
        // the window's rows are read from memory for the margins and from cache for Aᵀ(h ∘ t)
        block.margins(from, count, at.x(), at.v(), z, t);
        System.arraycopy(block.b(), from, bWindow, 0, count);
        terms.addRows(z, bWindow, count, weights, h); // for h; its own sums are not used
        weigh(w2, from, h, count);
        block.addTransposeTimes(from, count, t, sum);
      }
      return this;
    }

    /** Rows of a window of about {@value #WINDOW_VALUES} stored values (at least 8). */
    private static int windowRows(RowBlock block) {
      long perRow = Math.max(1, block.nnz() / Math.max(1, block.rows()));
      return (int) Math.max(8, Math.min(block.rows(), WINDOW_VALUES / perRow));
    }

    /**
     * Adds a whole block's {@code Σ h_i (a_i·v) a_i}, h its data Hessian weights as a derivative pass
     * computed them (the regulariser's row weights are added here).
     */
    void addWeighted(RowBlock block, double[] v, double[] dataWeights, int n) {
      if (t == null || t.length < n) {
        t = new double[n];
      }
      block.margins(v, t);
      weigh(block.w2(), 0, dataWeights, n);
      block.addTransposeTimes(t, sum);
    }

    /** t[i] *= h[i] + (regulariser row weight of row from + i), for i < count. */
    private void weigh(double[] w2, int from, double[] dataWeights, int count) {
      for (int i = 0; i < count; i++) {
        double hi = rowWeight == 0.0 ? dataWeights[i] : dataWeights[i] + rowWeight * (w2 == null ? 1.0 : w2[from + i]);
        t[i] *= hi;
      }
    }

    Sum merge(Sum other) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += other.sum[j];
      }
      return this;
    }

    /**
     * Driver: H v = this sum + R v in the units of derivatives scaled by {@code e^{-otherLogScale}},
     * R given in those units.
     */
    public double[] finish(double[] lowRank, double[] v, double otherLogScale) {
      return addProduct(Vectors.scaled(Math.exp(logScale - otherLogScale), sum), lowRank, v);
    }

    /** The log scale of this sum (that of a derivative pass at the same globals). */
    public double logScale() {
      return logScale;
    }
  }
}
