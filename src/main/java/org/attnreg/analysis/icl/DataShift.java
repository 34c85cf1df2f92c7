package org.attnreg.analysis.icl;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.attnreg.linalg.Vectors;

/**
 * The data shift of maths.md §7: one softmax self-attention layer moves the rows of A,
 * {@code A' = A + softmax(A Q Kᵀ Aᵀ) A V} ({@link SelfAttention}), and the equivalent target shift is
 * {@code b' = b + f(A',x) − f(A,x)}, for which {@code f(A',x) − b' = f(A,x) − b}.
 *
 * <p>What is provable: softmax is ½-Lipschitz in the margins, and the margins move by
 * {@code (A' − A)x}, so
 * <pre>
 *   ‖b' − b‖ ≤ ½‖(A' − A)x‖ ≤ ½‖x‖·‖A' − A‖₂ ≤ (R/2)·‖A' − A‖₂ ≤ M·‖A' − A‖₂,
 * </pre>
 * with {@code R = max(‖A‖₂, ‖A'‖₂, ‖x‖)}. The ratio is reported against the spectral norm
 * {@code ‖A' − A‖₂}; against the Frobenius norm (≥ the spectral one) it is smaller still, so the same
 * bounds hold for it. Note the bound uses ‖x‖ only: R/2 is valid because R ≥ ‖x‖.
 */
public final class DataShift {
  private DataShift() {}

  public static Result at(SoftmaxInstance instance, double[] x, AttentionWeights weights) {
    double[][] aPrime = SelfAttention.apply(instance.a(), weights);
    double[] f = instance.predict(x);
    double[] fPrime = Softmax.predict(aPrime, x);
    double[] bPrime = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      bPrime[i] = instance.b()[i] + (fPrime[i] - f[i]);
    }
    double[][] shift = Dense.minus(aPrime, instance.a());
    double normA = Dense.spectralNorm(instance.a());
    double normAPrime = Dense.spectralNorm(aPrime);
    double normX = Vectors.norm(x);
    double r = Math.max(Math.max(normA, normAPrime), normX);
    return new Result(weights.source(), normA, normAPrime, normX, Dense.spectralNorm(shift), Dense.frobenius(shift),
        Dense.distance(bPrime, instance.b()), 0.5 * Vectors.norm(Dense.times(shift, x)),
        ShiftBounds.of(instance.n(), r), WeightShift.identityError(f, instance.b(), fPrime, bPrime), aPrime,
        bPrime);
  }

  /**
   * One data shift and its bounds.
   *
   * @param weights where Q, K, V came from
   * @param normA ‖A‖₂
   * @param normAPrime ‖A'‖₂
   * @param normX ‖x‖
   * @param aShift ‖A' − A‖₂
   * @param aShiftFrobenius ‖A' − A‖_F
   * @param bShift ‖b' − b‖
   * @param directBound ½‖(A' − A)x‖, the tightest bound on ‖b' − b‖ itself
   * @param bounds R/2 and the paper's M, with R = max(‖A‖₂, ‖A'‖₂, ‖x‖)
   * @param identityError max |(f(A',x) − b') − (f(A,x) − b)|
   * @param aPrime A'
   * @param bPrime b'
   */
  public record Result(String weights, double normA, double normAPrime, double normX, double aShift,
      double aShiftFrobenius, double bShift, double directBound, ShiftBounds bounds, double identityError,
      @JsonIgnore double[][] aPrime, @JsonIgnore double[] bPrime) {

    /** ‖b' − b‖ / ‖A' − A‖₂. */
    @JsonProperty("ratio")
    public double ratio() {
      return bShift / aShift;
    }

    /** ‖b' − b‖ / ‖A' − A‖_F. */
    @JsonProperty("ratioFrobenius")
    public double ratioFrobenius() {
      return bShift / aShiftFrobenius;
    }

    /** ‖x‖/2, the provable bound on {@link #ratio()}. */
    @JsonProperty("normBound")
    public double normBound() {
      return 0.5 * normX;
    }

    /** Whether every reported bound holds, up to {@code relTol} rounding. */
    public boolean boundsRespected(double relTol) {
      double slack = 1.0 + relTol;
      return !(bShift > directBound * slack) && !(directBound > normBound() * aShift * slack)
          && !(ratioFrobenius() > ratio() * slack) && bounds.respects(normBound(), relTol);
    }
  }
}
