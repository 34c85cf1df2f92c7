package org.attnreg.problem;

import java.io.Serializable;

/**
 * The regulariser {@code ½‖WAx‖² + ½λ‖x‖²} with {@code W = w·diag(w_i)}: a uniform factor w times
 * the rows' own weights w_i, which the data blocks carry ({@link org.attnreg.linalg.RowBlock#w2()};
 * w_i = 1 when the input has none).
 *
 * @param w2 the squared uniform factor {@code w²} (≥ 0); 1 when the rows' own weights are the whole of W
 * @param ridge the ridge coefficient λ (≥ 0)
 */
public record Regularizer(double w2, double ridge) implements Serializable {
  public static final Regularizer NONE = new Regularizer(0.0, 0.0);

  public Regularizer {
    if (!(w2 >= 0.0) || !Double.isFinite(w2)) {
      throw new IllegalArgumentException("w² must be finite and non-negative: " + w2);
    }
    if (!(ridge >= 0.0) || !Double.isFinite(ridge)) {
      throw new IllegalArgumentException("ridge λ must be finite and non-negative: " + ridge);
    }
  }

  /** From the user's uniform row weight w (the regulariser uses w²). */
  public static Regularizer of(double w, double ridge) {
    if (!Double.isFinite(w)) {
      throw new IllegalArgumentException("row weight w must be finite: " + w);
    }
    return new Regularizer(w * w, ridge);
  }

  public boolean hasRowWeight() {
    return w2 > 0.0;
  }
}
