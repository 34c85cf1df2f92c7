package org.attnreg.problem;

/**
 * The three entrywise functions of arXiv 2303.15725 and 2305.00660 (maths.md §3, §5):
 * {@code f ∈ {exp, cosh, sinh}} with derivative {@code f'} ({@code exp, sinh, cosh}) and, for all
 * three, {@code f'' = f}.
 *
 * <p>For the rescaled families the functions are also needed relative to a shift m with
 * {@code m ≥ shiftOf(z)}: {@code e^{-m} f(z)} and {@code e^{-m} f'(z)} never overflow. For cosh and
 * sinh they are {@code (e^{z−m} ± e^{−z−m})/2}; below |z| = 1 that difference would cancel (sinh),
 * so there the unshifted value is scaled instead, which cannot overflow either.
 */
public enum HyperbolicFunction {
  EXP("exp", 0.0) {
    @Override
    public double value(double z) {
      return Math.exp(z);
    }

    @Override
    public double derivative(double z) {
      return Math.exp(z);
    }

    @Override
    public double shiftOf(double z) {
      return z;
    }

    @Override
    public double scaledValue(double z, double m) {
      return Math.exp(z - m);
    }

    @Override
    public double scaledDerivative(double z, double m) {
      return Math.exp(z - m);
    }

    @Override
    public double inverse(double b) {
      return b > 0.0 ? Math.log(b) : Double.NaN;
    }
  },
  COSH("cosh", 1.0) {
    /** The non-negative branch {@code acosh b} for b ≥ 1 (cosh is even: the sign is lost). */
    @Override
    public double inverse(double b) {
      if (!(b >= 1.0)) {
        return Double.NaN;
      }
      return b > 1e8 ? Math.log(b) + LOG_2 : Math.log(b + Math.sqrt((b - 1.0) * (b + 1.0)));
    }
  },
  SINH("sinh", -1.0) {
    @Override
    public double inverse(double b) {
      double a = Math.abs(b);
      // asinh |b| = log1p(|b| + b²/(1 + √(1 + b²))), exact near 0; log(2|b|) once b² would overflow.
      double r = a > 1e8 ? Math.log(a) + LOG_2 : Math.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
      return Math.copySign(r, b);
    }
  };

  private static final double LOG_2 = Math.log(2.0);

  private final String id;
  /** σ in {@code f(z) = (e^z + σ e^{−z})/2}: 1 for cosh, −1 for sinh (exp overrides what uses it). */
  private final double mirror;

  HyperbolicFunction(String id, double mirror) {
    this.id = id;
    this.mirror = mirror;
  }

  /** The name used in family ids: {@code exp}, {@code cosh}, {@code sinh}. */
  public String id() {
    return id;
  }

  /** f(z); ±∞ where it overflows. */
  public double value(double z) {
    return halfSum(z, mirror);
  }

  /** f'(z); for all three functions f'' = f. */
  public double derivative(double z) {
    return halfSum(z, -mirror);
  }

  /** {@code (e^z + σe^{−z})/2}: cosh for σ = 1, sinh for σ = −1. */
  private static double halfSum(double z, double sigma) {
    return sigma > 0.0 ? Math.cosh(z) : Math.sinh(z);
  }

  /** {@code e^{-m}(e^z + σe^{−z})/2} for {@code m ≥ |z|}, without cancellation below |z| = 1. */
  private static double scaledHalfSum(double z, double m, double sigma) {
    if (Math.abs(z) < 1.0) {
      return halfSum(z, sigma) * Math.exp(-m);
    }
    return 0.5 * (Math.exp(z - m) + sigma * Math.exp(-z - m));
  }

  /** The per-partition shift of maths.md §8.1: z for exp, |z| for cosh and sinh (they grow both ways). */
  public double shiftOf(double z) {
    return Math.abs(z);
  }

  /** {@code e^{-m} f(z)}, for {@code m ≥ shiftOf(z)}. */
  public double scaledValue(double z, double m) {
    return scaledHalfSum(z, m, mirror);
  }

  /** {@code e^{-m} f'(z)}, for {@code m ≥ shiftOf(z)}. */
  public double scaledDerivative(double z, double m) {
    return scaledHalfSum(z, m, -mirror);
  }

  /** A z with f(z) = b, or NaN where b is outside the range of f. */
  public abstract double inverse(double b);
}
