package org.attnreg.solver;

import java.util.Map;
import java.util.TreeMap;
import org.attnreg.problem.Globals;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.FusedAggregate;
import org.attnreg.stats.LineBatch;

/**
 * Wraps an evaluator so that every sketched derivative pass is followed by an exact one at the same
 * point, recording the achieved spectral error ε_t of the sketched Hessian ({@link SpectralError}).
 * It doubles the derivative passes and forms a second d×d Hessian, so it is meant for small d.
 */
public final class DiagnosingEvaluator extends ForwardingEvaluator {
  private final Map<Integer, Double> hessianErrors = new TreeMap<>();

  public DiagnosingEvaluator(Evaluator inner) {
    super(inner);
  }

  @Override
  public Derivatives derivatives(double[] x, Globals globals, int iteration, Curvature curvature) {
    Derivatives approx = inner.derivatives(x, globals, iteration, curvature);
    if (curvature.approximate()) {
      Derivatives exact = inner.derivatives(x, globals, iteration, new ExactCurvature());
      hessianErrors.put(iteration, SpectralError.of(exact.hessian(), approx.hessian(), dimension()));
    }
    return approx;
  }

  @Override
  public FusedAggregate.Result valuesAndDerivatives(LineBatch batch, int derivativeIndex, Globals predicted,
      int iteration, Curvature curvature) {
    FusedAggregate.Result fused = inner.valuesAndDerivatives(batch, derivativeIndex, predicted, iteration, curvature);
    if (curvature.approximate() && fused.derivatives() != null) {
      EvaluatedPoint at = fused.points()[derivativeIndex];
      Derivatives exact = inner.derivatives(at.x(), at.globals(), iteration + 1, new ExactCurvature());
      hessianErrors.put(iteration + 1, SpectralError.of(exact.hessian(), fused.derivatives().hessian(), dimension()));
    }
    return fused;
  }

  /** ε_t by iteration (only iterations whose Hessian was sketched). */
  public Map<Integer, Double> hessianErrors() {
    return Map.copyOf(hessianErrors);
  }
}
