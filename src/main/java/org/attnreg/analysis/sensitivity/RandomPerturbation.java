package org.attnreg.analysis.sensitivity;

import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseBlock;

/**
 * A random perturbation direction E with i.i.d. standard normal entries, generated block by block
 * from the seed and each row's global id: entry {@code (i, j)} is a pure function of
 * {@code (seed, rowId(i), j)} (splitmix64 counters, Box–Muller), so E is the same whatever the
 * partitioning or block size, a recomputed partition reproduces it exactly, and it never has to be
 * stored. E has A's pattern: every entry of a dense row, the stored non-zeros of a sparse row (so a
 * sparse A stays sparse). It is normalised to {@code ‖E‖_F = 1} later, from the sensitivity pass's
 * sum of squares.
 */
public final class RandomPerturbation {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double TO_UNIT = 0x1.0p-53;

  private RandomPerturbation() {}

  /** The rows of E matching {@code a}'s rows (targets 0). */
  public static RowBlock block(RowBlock a, long seed) {
    if (a instanceof DenseBlock dense) {
      return denseBlock(dense, seed);
    }
    BlockBuilder builder = new BlockBuilder(a.cols(), Math.max(1, a.rows()), a instanceof SparseBlock);
    int[] index = new int[Math.max(1, a.cols())];
    double[] value = new double[Math.max(1, a.cols())];
    int[] count = new int[1];
    for (int i = 0; i < a.rows(); i++) {
      long key = rowKey(seed, a.rowId(i));
      count[0] = 0;
      a.forEachNonZero(i, (column, v) -> {
        index[count[0]] = column;
        value[count[0]] = gaussian(key, column);
        count[0]++;
      });
      builder.addSparse(a.rowId(i), 0.0, index, value, count[0]);
    }
    return builder.build();
  }

  private static DenseBlock denseBlock(DenseBlock a, long seed) {
    int d = a.cols();
    double[] e = new double[a.rows() * d];
    long[] ids = new long[a.rows()];
    for (int i = 0; i < a.rows(); i++) {
      ids[i] = a.rowId(i);
      long key = rowKey(seed, ids[i]);
      for (int j = 0; j < d; j++) {
        e[i * d + j] = gaussian(key, j);
      }
    }
    return new DenseBlock(a.rows(), d, e, new double[a.rows()], ids);
  }

  /** The splitmix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long rowKey(long seed, long rowId) {
    return mix(mix(seed + GOLDEN) ^ (rowId + 3 * GOLDEN));
  }

  /** Entry j of the row with this key: a standard normal from two counter draws. */
  static double gaussian(long key, int j) {
    long k = 2L * j;
    double u = 1.0 - (mix(key + (k + 1) * GOLDEN) >>> 11) * TO_UNIT; // (0, 1]: finite log
    double v = (mix(key + (k + 2) * GOLDEN) >>> 11) * TO_UNIT;
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
