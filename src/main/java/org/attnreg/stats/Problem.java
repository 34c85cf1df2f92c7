package org.attnreg.stats;

import java.io.Serializable;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;

/**
 * Everything a pass needs besides the rows and the point: the family, the regulariser and the
 * dimension. Local and distributed evaluators build their aggregates here, so both run exactly the
 * same per-block kernel.
 */
public record Problem(LossFamily family, Regularizer reg, int d) implements Serializable {

  public Problem {
    if (d < 1) {
      throw new IllegalArgumentException("dimension must be positive: " + d);
    }
  }

  public ValueAggregate emptyValue(LineBatch batch) {
    return ValueAggregate.empty(family, batch.size());
  }

  public DerivativeAggregate emptyDerivative(Globals globals, long iteration, Curvature curvature) {
    return DerivativeAggregate.empty(family, globals, reg, d, curvature.newAccumulator(this, globals, iteration));
  }
}
