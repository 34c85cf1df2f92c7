package org.attnreg.analysis.icl;

import java.util.List;
import org.attnreg.linalg.Vectors;

/**
 * The closeness of the trained attention model and the one-step GD model on a set of evaluation
 * tasks, with the names of von Oswald et al. (2023):
 * <ul>
 *   <li>{@code predsDiff}: RMS over tasks of {@code ŷ_attn − ŷ_gd} ("Preds Diff", ℓ2 norm of the
 *       prediction difference divided by √tasks so it does not grow with the evaluation set);
 *   <li>{@code modelDiff}: mean over tasks of {@code ‖∂ŷ_attn/∂a_q − ∂ŷ_gd/∂a_q‖₂} ("Model Diff");
 *   <li>{@code modelCos}: mean over tasks of the cosine of those two sensitivities ("Model Cos"; 0 when
 *       either is the zero vector);
 *   <li>{@code lossAttention}, {@code lossGd}: mean query losses {@code ½(ŷ − y_q)²}.
 * </ul>
 */
public record Measures(double predsDiff, double modelDiff, double modelCos, double lossAttention, double lossGd) {

  /** The measures for attention parameters θ and GD step η on {@code tasks}. */
  public static Measures evaluate(AttentionModel model, double[] theta, double eta, List<IclTask> tasks) {
    double pred2 = 0.0;
    double diff = 0.0;
    double cos = 0.0;
    double lossA = 0.0;
    double lossG = 0.0;
    for (IclTask task : tasks) {
      double[] x1 = GdModel.weights(task, eta);
      double ya = model.predict(theta, task);
      double yg = GdModel.predict(task, x1);
      double[] sa = model.sensitivity(theta, task);
      double[] sg = GdModel.sensitivity(task, x1);
      pred2 += (ya - yg) * (ya - yg);
      diff += Dense.distance(sa, sg);
      double norms = Vectors.norm(sa) * Vectors.norm(sg);
      cos += norms > 0.0 ? Vectors.dot(sa, sg) / norms : 0.0;
      lossA += 0.5 * (ya - task.yq()) * (ya - task.yq());
      lossG += 0.5 * (yg - task.yq()) * (yg - task.yq());
    }
    int t = tasks.size();
    return new Measures(Math.sqrt(pred2 / t), diff / t, cos / t, lossA / t, lossG / t);
  }

  /** The measures in a fixed order, for averaging: preds diff, model diff, model cos, two losses. */
  double[] toArray() {
    return new double[] {predsDiff, modelDiff, modelCos, lossAttention, lossGd};
  }

  static Measures fromArray(double[] v) {
    return new Measures(v[0], v[1], v[2], v[3], v[4]);
  }
}
