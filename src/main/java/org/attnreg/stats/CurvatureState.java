package org.attnreg.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Curvature} carries from one Newton iteration to the next, as plain data that a
 * checkpoint can write and read without Java serialization: named integer counters and named
 * matrices of doubles with their declared shape. Stateless kinds have {@link #NONE}.
 *
 * @param counters name → value
 * @param matrices name → matrix
 */
public record CurvatureState(Map<String, Long> counters, Map<String, Matrix> matrices) {
  public static final CurvatureState NONE = new CurvatureState(Map.of(), Map.of());

  public CurvatureState {
    counters = Map.copyOf(counters);
    matrices = Map.copyOf(matrices);
  }

  public boolean isEmpty() {
    return counters.isEmpty() && matrices.isEmpty();
  }

  /**
   * A rows × cols matrix, its entries in the order the owning curvature defines.
   *
   * @throws IllegalArgumentException unless {@code values.length == rows · cols}
   */
  public record Matrix(int rows, int cols, double[] values) {
    public Matrix {
      if (rows < 0 || cols < 0 || (long) rows * cols != values.length) {
        throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + (long) rows * cols
            + " values, has " + values.length);
      }
    }

    public Shape shape() {
      return new Shape(rows, cols);
    }
  }

  /** The shape of a matrix, rows × cols. */
  public record Shape(int rows, int cols) {
    public long size() {
      return (long) rows * cols;
    }

    @Override
    public String toString() {
      return rows + "×" + cols;
    }
  }

  /**
   * What a state of one curvature kind may hold: its counter names and the exact shape of every
   * matrix it may carry. A reader checks a file's declarations against it before it allocates.
   */
  public record Layout(java.util.Set<String> counters, Map<String, Shape> matrices) {
    public static final Layout NONE = new Layout(java.util.Set.of(), Map.of());

    public Layout {
      counters = java.util.Set.copyOf(counters);
      matrices = Map.copyOf(new LinkedHashMap<>(matrices));
    }
  }
}
