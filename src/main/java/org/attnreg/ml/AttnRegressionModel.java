package org.attnreg.ml;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.attnreg.problem.LossFamilies;

/**
 * A fitted attention regression: the coefficients x, the summary of the fit, and {@link #transform},
 * which appends the margin {@code a_i·x} ({@code marginCol}) and the prediction
 * ({@code predictionCol}; see {@link Predictions} for its meaning per family). Save and load with
 * {@link #write()} and {@link #load}; a {@code Pipeline} containing it saves and loads it too.
 */
public final class AttnRegressionModel extends Model<AttnRegressionModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final double[] x;
  /** The fit's summary; transient because it is driver-side information (null after Java deserialisation). */
  private final transient AttnRegressionSummary summary;
  /** Where the family param is looked up (the estimator's registry; the standard one after a load). */
  private final LossFamilies families;
  private final Param<String> family;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> marginCol;
  private final Param<String> predictionCol;

  AttnRegressionModel(String uid, double[] x, AttnRegressionSummary summary) {
    this(uid, x, summary, LossFamilies.standard());
  }

  AttnRegressionModel(String uid, double[] x, AttnRegressionSummary summary, LossFamilies families) {
    this.uid = uid;
    this.families = families;
    this.x = x.clone();
    this.summary = summary;
    this.family = ParamDefs.family(this);
    this.featuresCol = ParamDefs.featuresCol(this);
    this.labelCol = ParamDefs.labelCol(this);
    this.marginCol = ParamDefs.marginCol(this);
    this.predictionCol = ParamDefs.predictionCol(this);
    setDefault(family, "softmax");
    setDefault(featuresCol, ParamDefs.DEFAULT_FEATURES_COL);
    setDefault(labelCol, ParamDefs.DEFAULT_LABEL_COL);
    setDefault(marginCol, ParamDefs.DEFAULT_MARGIN_COL);
    setDefault(predictionCol, ParamDefs.DEFAULT_PREDICTION_COL);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The fitted coefficients x (a dense vector of length d). */
  public Vector coefficients() {
    return Vectors.dense(x.clone());
  }

  /** Whether this model knows how its fit went (true for fitted and loaded models). */
  public boolean hasSummary() {
    return summary != null;
  }

  /** How the fit went: status, iterations, loss, gradient norm, trace, warnings, options. */
  public AttnRegressionSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("AttnRegressionModel " + uid + " has no summary");
    }
    return summary;
  }

  public Param<String> family() {
    return family;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> marginCol() {
    return marginCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public String getFamily() {
    return getOrDefault(family);
  }

  public String getFeaturesCol() {
    return getOrDefault(featuresCol);
  }

  public String getLabelCol() {
    return getOrDefault(labelCol);
  }

  public String getMarginCol() {
    return getOrDefault(marginCol);
  }

  public String getPredictionCol() {
    return getOrDefault(predictionCol);
  }

  public AttnRegressionModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  public AttnRegressionModel setMarginCol(String value) {
    set(marginCol, value);
    return this;
  }

  public AttnRegressionModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return Predictions.transform(dataset, families.family(getFamily()), x, getFeaturesCol(), getMarginCol(),
        getPredictionCol());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return Schemas.withOutputs(schema, getFeaturesCol(), null, getMarginCol(), getPredictionCol());
  }

  @Override
  public AttnRegressionModel copy(ParamMap extra) {
    AttnRegressionModel copy = copyValues(new AttnRegressionModel(uid, x, summary, families), extra);
    return hasParent() ? copy.setParent(parent()) : copy;
  }

  @Override
  public MLWriter write() {
    return new ModelWriter(this);
  }

  public static MLReader<AttnRegressionModel> read() {
    return new ModelReader();
  }

  public static AttnRegressionModel load(String path) {
    return read().load(path);
  }

  /** The coefficients as an array (for the writer). */
  double[] x() {
    return x.clone();
  }

  @Override
  public String toString() {
    return "AttnRegressionModel: uid=" + uid + ", family=" + getFamily() + ", d=" + x.length;
  }
}
