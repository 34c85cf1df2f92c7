package org.attnreg.sketch;

import java.io.IOException;
import java.io.ObjectOutputStream;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.DenseKernels;
import org.attnreg.linalg.GramScratch;
import org.attnreg.linalg.Grams;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.DerivativeSums;
import org.attnreg.problem.ZJacobian;
import org.attnreg.stats.Curvature;

/**
 * One partition's sketch of the Gauss–Newton rows {@code J A} with {@code J = diag(p) − q sᵀ}:
 * {@code X = S diag(p) A} (m×d) and {@code Y = S q} (m), so that
 * <pre>  (SJA)ᵀ(SJA) = XᵀX − (XᵀY)(Aᵀs)ᵀ − (Aᵀs)(XᵀY)ᵀ + ‖Y‖² (Aᵀs)(Aᵀs)ᵀ.</pre>
 * {@code Aᵀs} is global (a vector sum of the whole pass), so a partition cannot form its own
 * {@code SJA}; it keeps X and Y while it adds rows and, when it leaves the task (serialisation) or
 * merges, folds them into the pieces {@code XᵀX}, {@code XᵀY}, {@code ‖Y‖²}, which add over
 * partitions. The driver finishes the correction in {@link #gram(double[][], DerivativeSums)}.
 *
 * <p>S: the partition's first m rows each get a row of S to themselves (so a partition of at most m
 * rows is taken exactly, at no more than its exact Gram's cost); every later row goes to one hashed
 * row in each of s groups with a hashed sign and weight {@code 1/√s} (dense rows in chunks of
 * {@value #CHUNK} that share their hashed rows, see {@link #placeChunk}). Every column of S has unit
 * norm and distinct columns are uncorrelated, so {@code E[SᵀS] = I} and the Gram is unbiased.
 */
final class GaussNewtonGram implements Curvature.Accumulator {
  private static final long serialVersionUID = 1L;

  private final ZJacobian jacobian;
  private final int d;
  private final int m;
  private final int s;
  private final long seed;
  private final long iteration;
  private final double rowWeight;

  /** The partition's open sketch (null once folded, or before the first row). */
  private double[] x;
  private double[] y;
  /** Sketch rows placed so far in the open sketch (data rows, plus regulariser rows). */
  private long placed;

  /** Folded pieces: lower triangle of XᵀX, XᵀY, ‖Y‖² (null until the first fold with rows). */
  private double[] xx;
  private double[] xy;
  private double yy;
  private long rowsKept;

  private transient double[] p;
  private transient double[] q;
  private transient GramScratch scratch;
  /** One chunk's coefficients of one group of S. */
  private transient double[] coef;

  /** Dense rows past the head that share their rows of S (see {@link #placeChunk}). */
  static final int CHUNK = 8;
  private static final DenseKernels KERNELS = DenseKernels.get();

  GaussNewtonGram(ZJacobian jacobian, int d, int m, int s, long seed, long iteration,
      double rowWeight) {
    this.jacobian = jacobian;
    this.d = d;
    this.m = m;
    this.s = s;
    this.seed = seed;
    this.iteration = iteration;
    this.rowWeight = rowWeight;
  }

  @Override
  public void add(RowBlock block, double[] h) {
    throw new UnsupportedOperationException("the Gauss–Newton sketch needs the rows' margins and vector weights");
  }

  @Override
  public void add(RowBlock block, double[] z, double[][] vectorWeights, double[] h) {
    int n = block.rows();
    if (n == 0) {
      return;
    }
    if (block instanceof DenseBlock dense && dense.cols() != d) {
      throw new IllegalArgumentException("dense block width " + dense.cols() + " differs from d = " + d);
    }
    if (p == null || p.length < n) {
      p = new double[n];
      q = new double[n];
    }
    jacobian.rows(z, block.b(), vectorWeights, n, p, q);
    boolean lowRank = jacobian.lowRankWeight() >= 0;
    reserve(Math.min(m, placed + (rowWeight == 0.0 ? n : 2L * n)));
    double[] w2 = block.w2();
    int i = 0;
    if (block instanceof DenseBlock dense && rowWeight == 0.0) {
      // the head row by row, then the rest in chunks: one pass over each chunk's rows in cache
      for (; i < n && placed < m; i++) {
        place(block, i, p[i], lowRank ? q[i] : 0.0, RowHash.rowKey(seed, iteration, block.rowId(i)), 0);
      }
      for (; i < n; i += CHUNK) {
        placeChunk(dense, i, Math.min(n, i + CHUNK), lowRank);
      }
      return;
    }
    for (; i < n; i++) {
      long key = RowHash.rowKey(seed, iteration, block.rowId(i));
      place(block, i, p[i], lowRank ? q[i] : 0.0, key, 0);
      if (rowWeight != 0.0) {
        place(block, i, Math.sqrt(rowWeight * (w2 == null ? 1.0 : w2[i])), 0.0, key, s);
      }
    }
  }

  /**
   * Room for {@code rows} sketch rows: the open sketch grows with the head, so a partition of fewer
   * than m rows never allocates m×d (at large d that is gigabytes for a handful of rows).
   */
  private void reserve(long rows) {
    int capacity = y == null ? 0 : y.length;
    if (rows <= capacity) {
      return;
    }
    int grown = (int) Math.min(m, Math.max(rows, 2L * capacity));
    x = x == null ? new double[grown * d] : java.util.Arrays.copyOf(x, grown * d);
    y = y == null ? new double[grown] : java.util.Arrays.copyOf(y, grown);
  }

  /**
   * Dense rows {@code from..to-1} past the head, as one chunk: they share the chunk's s hashed rows
   * of S (keyed by the chunk's first row id), each with its own hashed signs. Each of the s
   * combinations {@code Σ_i σ_ig p_i a_i} is added to its row of X in one SIMD sweep
   * ({@link DenseKernels#addCombination}), so that X is read and written s times per chunk rather
   * than s times per row. Signs stay
   * independent per row, so {@code E[SᵀS] = I} still holds.
   */
  private void placeChunk(DenseBlock block, int from, int to, boolean lowRank) {
    int rows = to - from;
    if (coef == null) {
      coef = new double[CHUNK];
    }
    double[] a = block.a();
    long chunkKey = RowHash.rowKey(seed, iteration, block.rowId(from));
    double scale = 1.0 / Math.sqrt(s);
    for (int g = 0; g < s; g++) {
      double yValue = 0.0;
      boolean any = false;
      for (int i = from; i < to; i++) {
        long bits = RowHash.draw(RowHash.rowKey(seed, iteration, block.rowId(i)), g);
        double signed = (bits & 1L) == 0 ? scale : -scale;
        coef[i - from] = signed * p[i];
        any |= p[i] != 0.0;
        if (lowRank) {
          yValue += signed * q[i];
        }
      }
      int row = bucket(g, RowHash.draw(chunkKey, s + g));
      if (any) {
        KERNELS.addCombination(a, from, rows, d, coef, 0, x, row * d);
      }
      y[row] += yValue;
    }
    placed += rows;
  }

  /** Adds the sketch row {@code coef·a_i} (with {@code Y += coef'·yValue}) to S's column for it. */
  private void place(RowBlock block, int i, double coef, double yValue, long key, int firstDraw) {
    if (placed < m) {
      int row = (int) placed++;
      addRow(block, i, coef, row);
      y[row] += yValue;
      return;
    }
    placed++;
    double scale = 1.0 / Math.sqrt(s);
    for (int g = 0; g < s; g++) {
      long bits = RowHash.draw(key, firstDraw + g);
      int row = bucket(g, bits);
      double sign = (bits & 1L) == 0 ? scale : -scale;
      addRow(block, i, sign * coef, row);
      y[row] += sign * yValue;
    }
  }

  /** The bucket of group g: uniform over the group's rows {@code [g·m/s, (g+1)·m/s)}. */
  private int bucket(int g, long bits) {
    long lo = (long) g * m / s;
    long hi = (long) (g + 1) * m / s;
    return (int) (lo + Long.remainderUnsigned(bits >>> 1, hi - lo));
  }

  /** X's row {@code row} += coef · a_i, in O(nnz(a_i)). */
  private void addRow(RowBlock block, int i, double coef, int row) {
    if (coef != 0.0) {
      ScaledRows.add(block, i, coef, x, row * d, d);
    }
  }

  /** Folds the open sketch into the pieces: m·d² for XᵀX on the dense Gram kernel. */
  private void fold() {
    if (x == null) {
      return;
    }
    int rows = (int) Math.min(placed, m);
    if (xx == null) {
      xx = new double[d * d];
      xy = new double[d];
    }
    if (scratch == null) {
      scratch = new GramScratch();
    }
    double[] ones = new double[rows];
    java.util.Arrays.fill(ones, 1.0);
    scratch.kernel().addLower(x, rows, d, ones, xx, scratch);
    KERNELS.addTransposeTimes(x, rows, d, new double[][] {y}, 1, new double[][] {xy}); // XᵀY
    for (int r = 0; r < rows; r++) {
      yy += y[r] * y[r];
    }
    rowsKept += rows;
    x = null;
    y = null;
    placed = 0;
  }

  @Override
  public Curvature.Accumulator merge(Curvature.Accumulator other) {
    GaussNewtonGram o = (GaussNewtonGram) other;
    if (o.m != m || o.d != d) {
      throw new IllegalArgumentException("cannot merge a Gauss–Newton sketch of " + o.m + "×" + o.d + " into one of "
          + m + "×" + d);
    }
    fold();
    o.fold();
    if (o.xx != null) {
      if (xx == null) {
        xx = new double[d * d];
        xy = new double[d];
      }
      for (int j = 0; j < xx.length; j++) {
        xx[j] += o.xx[j];
      }
      for (int j = 0; j < d; j++) {
        xy[j] += o.xy[j];
      }
    }
    yy += o.yy;
    rowsKept += o.rowsKept;
    return this;
  }

  /** A task ships the folded d×d pieces, never its m×d sketch. */
  private void writeObject(ObjectOutputStream out) throws IOException {
    fold();
    out.defaultWriteObject();
  }

  /** The sketch of {@code Aᵀ diag(p²) A} alone: the Gauss–Newton matrix of a row-separable family. */
  @Override
  public double[] gram() {
    fold();
    return xx == null ? new double[d * d] : Grams.mirrorLower(xx.clone(), d);
  }

  /**
   * The sketched Gauss–Newton matrix with its rank-one corrections, minus the exact low-rank terms
   * {@code Σ C_jk V_j V_kᵀ} the family's assembly adds next, so that the Hessian the pass delivers
   * is the PSD sketch itself.
   */
  @Override
  public double[] gram(double[][] vectorSums, DerivativeSums terms) {
    double[] g = gram();
    // X, Y were taken with rows p̃ = p/c, q̃ = q/c (c = 1 unless a fused pass corrected its globals):
    // every piece is of degree two in them, so c² makes it the exact one (v is corrected already).
    // Regulariser rows share X and do not scale: with them the pieces stay as taken.
    double c = rescalesWithJacobian() ? terms.jacobianCorrection() : 1.0;
    double c2 = c * c;
    if (c2 != 1.0) {
      for (int j = 0; j < g.length; j++) {
        g[j] *= c2;
      }
    }
    int k = jacobian.lowRankWeight();
    if (k >= 0 && xy != null) {
      double[] v = vectorSums[k];
      double yyC = c2 * yy;
      double[] xyC = c2 == 1.0 ? xy : Vectors.scaled(c2, xy);
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          g[a * d + b] += yyC * v[a] * v[b] - xyC[a] * v[b] - v[a] * xyC[b];
        }
      }
    }
    // minus exactly what the family's assembly adds next (assembly writes into a zero matrix)
    double[] lowRank = new double[d * d];
    terms.assemble(vectorSums, new double[d], lowRank);
    for (int j = 0; j < g.length; j++) {
      g[j] -= lowRank[j];
    }
    return g;
  }

  /** Every piece is of degree two in the Jacobian's rows, unless regulariser rows share the sketch. */
  @Override
  public boolean rescalesWithJacobian() {
    return rowWeight == 0.0;
  }

  @Override
  public long rowsKept() {
    fold();
    return rowsKept;
  }
}
