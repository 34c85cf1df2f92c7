package org.attnreg.ml;

import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.attnreg.problem.LossFamilies;

/**
 * The definitions (name and doc) of the params that {@link AttnRegression} and
 * {@link AttnRegressionModel} share, so both declare them alike. Params carry no validators: every
 * value is checked once, at {@code fit}, by {@link org.attnreg.job.SolveOptions}, the same check the
 * command line runs.
 */
final class ParamDefs {
  static final String DEFAULT_LABEL_COL = "label";
  static final String DEFAULT_FEATURES_COL = "features";
  static final String DEFAULT_MARGIN_COL = "margin";
  static final String DEFAULT_PREDICTION_COL = "prediction";

  /** The param behind each command-line option that {@link org.attnreg.job.SolveOptions} validates. */
  private static final Map<String, String> OPTION_OF_PARAM = Map.of("--family", "family", "--reg-w", "regW",
      "--ridge", "ridge", "--tol", "tol", "--max-iter", "maxIter", "--seed", "seed", "--hessian", "hessian",
      "--sketch", "sketch", "--sketch-size", "sketchSize", "--epsilon", "epsilon");

  private ParamDefs() {}

  static Param<String> family(Identifiable owner) {
    return new Param<>(owner, "family", "problem family, one of " + LossFamilies.ids());
  }

  static Param<String> featuresCol(Identifiable owner) {
    return new Param<>(owner, "featuresCol", "features column: a Spark ML vector or an array of numbers (the row a_i)");
  }

  static Param<String> labelCol(Identifiable owner) {
    return new Param<>(owner, "labelCol", "label column: the numeric target b_i");
  }

  static Param<String> marginCol(Identifiable owner) {
    return new Param<>(owner, "marginCol", "output column of the margin a_i·x");
  }

  static Param<String> predictionCol(Identifiable owner) {
    return new Param<>(owner, "predictionCol",
        "output column of the prediction: the family's fitted target at a_i·x (normalised over the rows of the "
            + "transformed DataFrame for softmax, softmax-relu and the rescaled families)");
  }

  /**
   * A validation message of {@code SolveOptions}, which starts with the option ({@code "--reg-w: must
   * be …"}), in terms of the estimator's params ({@code "param regW (--reg-w): must be …"}).
   */
  static String inParamTerms(String message) {
    int end = 0;
    while (end < message.length() && (message.charAt(end) == '-' || Character.isLetter(message.charAt(end)))) {
      end++;
    }
    String param = OPTION_OF_PARAM.get(message.substring(0, end));
    return param == null ? message : "param " + param + " (" + message.substring(0, end) + ")" + message.substring(end);
  }
}
