package org.attnreg.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.attnreg.problem.FittedLink;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LossFamily;

/**
 * What a fitted model adds to a DataFrame: the margin {@code z_i = a_i·x} and the prediction, the
 * target b_i that the fitted model implies for the row ({@link FittedLink#prediction}):
 *
 * <ul>
 *   <li>{@code exp}, {@code cosh}, {@code sinh}: {@code f(z_i)}, row by row;
 *   <li>{@code softmax}: {@code e^{z_i} / Σ_j e^{z_j}}; {@code softmax-relu}: the same with
 *       {@code max(z, 0)} in place of z;
 *   <li>{@code rescaled-f}: {@code f(z_i) / Σ_j f(z_j)}.
 * </ul>
 *
 * The sums of the normalised families run over the rows of the transformed DataFrame (rows whose
 * features are null are left out and get null), so predicting on the training rows reproduces the
 * fit. They cost one aggregate ({@link Normaliser}) when {@code transform} is called; the columns
 * themselves are a lazy projection.
 */
final class Predictions {
  private Predictions() {}

  /** {@code frame} with the margin and prediction columns appended. */
  static Dataset<Row> transform(Dataset<?> frame, LossFamily family, double[] x, String featuresCol,
      String marginCol, String predictionCol) {
    Dataset<Row> withMargin = frame.toDF().withColumn(marginCol, margin(x).apply(features(frame, featuresCol)));
    if (!(family instanceof FittedLink link)) {
      throw new IllegalArgumentException("family " + family.id() + " has no fitted link: it cannot predict");
    }
    Globals globals = link.normalised() ? Normaliser.globals(family, withMargin, marginCol) : Globals.NONE;
    UDF1<Double, Double> predict = z -> z == null ? null : link.prediction(z, globals);
    UserDefinedFunction prediction = udf(predict, DataTypes.DoubleType).withName("attnreg_prediction");
    return withMargin.withColumn(predictionCol, prediction.apply(col(marginCol)));
  }

  /** The features column as a vector column (arrays of numbers are converted, as the loader accepts them). */
  private static Column features(Dataset<?> frame, String featuresCol) {
    Column c = frame.col(featuresCol);
    return frame.schema().apply(featuresCol).dataType() instanceof VectorUDT ? c
        : org.apache.spark.ml.functions.array_to_vector(c);
  }

  private static UserDefinedFunction margin(double[] x) {
    UDF1<Vector, Double> dot = v -> v == null ? null : dot(v, x);
    return udf(dot, DataTypes.DoubleType).withName("attnreg_margin");
  }

  static double dot(Vector v, double[] x) {
    if (v.size() != x.length) {
      throw new IllegalArgumentException("features have size " + v.size() + " but the model has " + x.length
          + " coefficients");
    }
    double s = 0.0;
    if (v instanceof SparseVector sv) {
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int k = 0; k < idx.length; k++) {
        s += val[k] * x[idx[k]];
      }
    } else {
      double[] val = ((DenseVector) v).values();
      for (int j = 0; j < val.length; j++) {
        s += val[j] * x[j];
      }
    }
    return s;
  }
}
