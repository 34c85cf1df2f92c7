package org.attnreg.analysis.icl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.attnreg.linalg.Vectors;
import org.attnreg.stats.Derivatives;

/**
 * The weight shift of maths.md §7: from a point x, one gradient-descent step
 * {@code x' = x − η∇L(x)} on {@code L(x) = ½‖f(A,x) − b‖²}, and the equivalent target shift
 * {@code b' = b + f(A,x') − f(A,x)}, for which x' fits b' exactly as x fits b:
 * {@code f(A,x') − b' = f(A,x) − b}.
 *
 * <p>Bounds on the ratio {@code ‖b' − b‖ / ‖x' − x‖}, from tightest to loosest, each implying the next:
 * {@code ½‖A(x' − x)‖/‖x' − x‖ ≤ ½‖A‖₂ ≤ R/2 ≤ M}, with {@code R = max(‖A‖₂, ‖x‖, ‖x'‖)} and
 * {@code M = n^1.5 exp(10R²)}. The first holds because softmax is ½-Lipschitz (mean-value theorem
 * with {@code ‖diag(f) − ffᵀ‖₂ ≤ ½} along the segment).
 *
 * <p>Default step: {@code η = 1/‖∇²L(x)‖₂}, the inverse local curvature (the classical stable step
 * 1/L of gradient descent on the local quadratic model); {@code η = 1} if the Hessian vanishes.
 */
public final class WeightShift {
  private WeightShift() {}

  /**
   * The weight shift at x.
   *
   * @param label names the point in reports ("solution", "origin", "given")
   * @param eta the step, or {@code null} for the default {@code 1/‖∇²L(x)‖₂}
   */
  public static Result at(SoftmaxInstance instance, double[] x, Double eta, String label) {
    Derivatives der = instance.derivatives(x);
    double scale = Math.exp(der.logScale());
    double hessianNorm = scale * Dense.symmetricSpectralNorm(der.hessian(), instance.d());
    String rule = eta != null ? "given" : hessianNorm > 0.0 ? "1/‖∇²L(x)‖₂" : "1 (the Hessian vanishes)";
    double step = eta != null ? eta : hessianNorm > 0.0 ? 1.0 / hessianNorm : 1.0;
    if (!(step > 0.0) || !Double.isFinite(step)) {
      throw new IllegalArgumentException("the step η must be positive and finite: " + step);
    }
    double[] xPrime = x.clone();
    for (int j = 0; j < x.length; j++) {
      xPrime[j] -= step * scale * der.gradient()[j];
    }
    double[] f = instance.predict(x);
    double[] fPrime = instance.predict(xPrime);
    double[] bPrime = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      bPrime[i] = instance.b()[i] + (fPrime[i] - f[i]);
    }
    double normA = Dense.spectralNorm(instance.a());
    double xShift = Dense.distance(xPrime, x);
    double r = Math.max(normA, Math.max(Vectors.norm(x), Vectors.norm(xPrime)));
    double[] dz = Dense.times(instance.a(), Vectors.minus(xPrime, x));
    return new Result(label, step, rule, der.loss(), scale * Vectors.norm(der.gradient()), hessianNorm, normA,
        Vectors.norm(x), Vectors.norm(xPrime), xShift, Dense.distance(bPrime, instance.b()),
        0.5 * Vectors.norm(dz) / xShift, 0.5 * normA, ShiftBounds.of(instance.n(), r),
        identityError(f, instance.b(), fPrime, bPrime), xPrime, bPrime);
  }

  /** max_i |(f(A,x') − b')_i − (f(A,x) − b)_i|: zero up to rounding by construction. */
  static double identityError(double[] f, double[] b, double[] fPrime, double[] bPrime) {
    double worst = 0.0;
    for (int i = 0; i < f.length; i++) {
      worst = Math.max(worst, Math.abs((fPrime[i] - bPrime[i]) - (f[i] - b[i])));
    }
    return worst;
  }

  /**
   * One weight shift and its bounds.
   *
   * @param point which x this is
   * @param eta the step η used
   * @param etaRule how η was chosen
   * @param loss L(x)
   * @param gradientNorm ‖∇L(x)‖
   * @param hessianNorm ‖∇²L(x)‖₂
   * @param normA ‖A‖₂
   * @param normX ‖x‖
   * @param normXPrime ‖x'‖
   * @param xShift ‖x' − x‖
   * @param bShift ‖b' − b‖
   * @param directionalBound ½‖A(x' − x)‖/‖x' − x‖, the tightest bound on the ratio
   * @param normBound ½‖A‖₂
   * @param bounds R/2 and the paper's M, with R = max(‖A‖₂, ‖x‖, ‖x'‖)
   * @param identityError max |(f(A,x') − b') − (f(A,x) − b)|
   * @param xPrime x'
   * @param bPrime b'
   */
  public record Result(String point, double eta, String etaRule, double loss, double gradientNorm,
      double hessianNorm, double normA, double normX, double normXPrime, double xShift, double bShift,
      double directionalBound, double normBound, ShiftBounds bounds, double identityError,
      @JsonIgnore double[] xPrime, @JsonIgnore double[] bPrime) {

    /** ‖b' − b‖ / ‖x' − x‖ (NaN when the step is zero). */
    @JsonProperty("ratio")
    public double ratio() {
      return bShift / xShift;
    }

    /** Whether the ratio respects every bound reported, up to {@code relTol} rounding. */
    public boolean boundsRespected(double relTol) {
      double q = ratio();
      return Double.isNaN(q) || !(q > directionalBound * (1.0 + relTol)) && !(directionalBound > normBound * (1.0 + relTol))
          && bounds.respects(normBound, relTol);
    }
  }
}
