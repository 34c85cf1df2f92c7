package org.attnreg.problem;

/**
 * The contract for {@code ½‖u − ⟨u,1⟩b‖²}, {@code u = f(Ax)}, against the direct formula with no
 * shift (so its margins must keep {@code u²} finite).
 */
abstract class RescaledRegressionContract extends LossFamilyContract {

  /** f written out directly. */
  protected abstract double f(double z);

  @Override
  protected double referenceLoss(double[] z, double[] b) {
    double alpha = 0.0;
    for (double v : z) {
      alpha += f(v);
    }
    double loss = 0.0;
    for (int i = 0; i < z.length; i++) {
      double c = f(z[i]) - alpha * b[i];
      loss += c * c;
    }
    return 0.5 * loss;
  }

  /** The unshifted reference needs {@code e^{2|z|}} finite; the family's sums are shifted regardless. */
  /** {@code α = e^m·al} and {@code ⟨c,b⟩ = e^m·cb}, free of the pass's shift m. */
  @Override
  protected double[] comparable(Globals g) {
    RescaledRegression.Scale s = (RescaledRegression.Scale) g;
    return new double[] {s.al() * Math.exp(s.m()), s.cb() * Math.exp(s.m())};
  }

  @Override
  protected double extremeMargin() {
    return 300.0;
  }
}
