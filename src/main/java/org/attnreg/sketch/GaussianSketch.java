package org.attnreg.sketch;

import org.attnreg.linalg.Blas;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;
import org.attnreg.stats.Curvature;

/**
 * The dense Gaussian sketch {@code Y = S D₊^{1/2} A} with i.i.d. {@code S_ri ~ N(0, 1/m)}, entry
 * {@code (r, i)} drawn from the hash of (seed, iteration, row id of i, r). It is the reference
 * sketch: the cleanest embedding guarantee, but O(m·nnz) work per pass, so meant for small cases.
 * Payload: an m×d matrix per partition.
 */
public record GaussianSketch(SketchSize size, long seed) implements Curvature {
  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    return new Sketch(d, size.rowsFor(d), seed, iteration);
  }

  @Override
  public String id() {
    return "gaussian(" + size + ")";
  }

  static final class Sketch extends LinearSketchAccumulator {
    private static final long serialVersionUID = 1L;
    /** Rows per dgemm on the dense path, bounding the coefficient scratch to CHUNK·m doubles. */
    private static final int CHUNK = 256;

    private transient double[] coefficients;

    Sketch(int d, int m, long seed, long iteration) {
      super(d, m, seed, iteration);
    }

    @Override
    protected void addPositive(RowBlock block, double[] h) {
      if (block instanceof DenseBlock dense) {
        addDense(dense, h);
      } else {
        addSparse((SparseBlock) block, h); // RowBlock is sealed: dense or sparse
      }
    }

    /** Y(col-major d×m) += A_chunkᵀ · C with C(i, r) = S_ri √h_i, one dgemm per chunk of rows. */
    private void addDense(DenseBlock block, double[] h) {
      if (block.cols() != d) {
        throw new IllegalArgumentException("dense block width " + block.cols() + " differs from d = " + d);
      }
      int m = y.m();
      if (coefficients == null) {
        coefficients = new double[CHUNK * m];
      }
      for (int start = 0; start < block.rows(); start += CHUNK) {
        int rows = Math.min(CHUNK, block.rows() - start);
        for (int i = 0; i < rows; i++) {
          fillColumn(block, start + i, h[start + i], rows, i);
        }
        Blas.blas().dgemm("N", "N", d, m, rows, 1.0, block.a(), start * d, d, coefficients, 0, rows, 1.0,
            y.values(), 0, d);
      }
    }

    private void fillColumn(RowBlock block, int row, double hi, int ld, int i) {
      int m = y.m();
      if (!(hi > 0.0)) {
        for (int r = 0; r < m; r++) {
          coefficients[r * ld + i] = 0.0;
        }
        return;
      }
      long key = rowKey(block, row);
      double scale = Math.sqrt(hi / m);
      for (int r = 0; r < m; r++) {
        coefficients[r * ld + i] = scale * RowHash.gaussian(key, r);
      }
    }

    private void addSparse(SparseBlock block, double[] h) {
      int m = y.m();
      for (int i = 0; i < block.rows(); i++) {
        if (!(h[i] > 0.0)) {
          continue;
        }
        long key = rowKey(block, i);
        double scale = Math.sqrt(h[i] / m);
        for (int r = 0; r < m; r++) {
          addRow(block, i, scale * RowHash.gaussian(key, r), r * d);
        }
      }
    }
  }
}
