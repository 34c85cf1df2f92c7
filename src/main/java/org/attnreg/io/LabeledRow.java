package org.attnreg.io;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One row of a generated instance, for {@link InstanceWriter}.
 *
 * @param id the generator's row id (kept in Parquet output as column {@code id})
 * @param b the target b_i
 * @param indices 0-based ascending column indices of the non-zeros, or null for a dense row
 * @param values the non-zero values (sparse) or all d values (dense)
 */
public record LabeledRow(long id, double b, int[] indices, double[] values) implements Serializable {

  public LabeledRow {
    if (values == null || (indices != null && indices.length != values.length)) {
      throw new IllegalArgumentException("row " + id + ": values missing or not as many as indices");
    }
  }

  public static LabeledRow dense(long id, double b, double[] values) {
    return new LabeledRow(id, b, null, values);
  }

  public boolean isDense() {
    return indices == null;
  }

  /** One more than the largest column this row names (d for a dense row). */
  public int span() {
    if (indices == null) {
      return values.length;
    }
    return indices.length == 0 ? 0 : indices[indices.length - 1] + 1;
  }

  /** The row as d dense values. */
  public double[] toDense(int d) {
    if (indices == null) {
      return values.length == d ? values : Arrays.copyOf(values, d);
    }
    double[] a = new double[d];
    for (int k = 0; k < indices.length; k++) {
      a[indices[k]] = values[k];
    }
    return a;
  }
}
