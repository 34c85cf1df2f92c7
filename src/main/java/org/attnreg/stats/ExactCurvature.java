package org.attnreg.stats;

import org.attnreg.linalg.GramScratch;
import org.attnreg.linalg.Grams;
import org.attnreg.linalg.RowBlock;

/** The exact weighted Gram {@code Aᵀ diag(h) A}: the reference every sketch is measured against. */
public final class ExactCurvature implements Curvature {
  private static final long serialVersionUID = 1L;

  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    return new ExactGram(d);
  }

  @Override
  public String id() {
    return "exact";
  }

  /**
   * The d×d sum, allocated only when the first row arrives: the empty accumulator is the zero value
   * shipped with every task, and a zeroed d×d array would make each task's closure d²·8 bytes.
   */
  static final class ExactGram implements Accumulator {
    private static final long serialVersionUID = 1L;
    private final int d;
    private double[] gram;
    private long rows;
    private transient GramScratch scratch;

    ExactGram(int d) {
      this.d = d;
    }

    @Override
    public void add(RowBlock block, double[] h) {
      if (scratch == null) {
        scratch = new GramScratch();
      }
      if (gram == null) {
        gram = new double[d * d];
      }
      block.addGram(h, gram, d, scratch);
      rows += block.rows();
    }

    @Override
    public Accumulator merge(Accumulator other) {
      ExactGram o = (ExactGram) other;
      if (o.gram != null) {
        if (gram == null) {
          gram = o.gram.clone();
        } else {
          for (int j = 0; j < gram.length; j++) {
            gram[j] += o.gram[j];
          }
        }
      }
      rows += o.rows;
      return this;
    }

    @Override
    public double[] gram() {
      return gram == null ? new double[d * d] : Grams.mirrorLower(gram.clone(), d);
    }

    @Override
    public long rowsKept() {
      return rows;
    }
  }
}
