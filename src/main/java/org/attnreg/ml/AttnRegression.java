package org.attnreg.ml;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.attnreg.job.SolveOptions;
import org.attnreg.problem.LossFamilies;
import org.attnreg.solver.SolverConfig;

/**
 * Fits an attention regression of any family ({@code softmax}, {@code softmax-relu}, {@code exp},
 * {@code cosh}, {@code sinh}, {@code rescaled-exp}, {@code rescaled-cosh}, {@code rescaled-sinh}) to a
 * DataFrame with the distributed damped Newton method, exactly as {@code jobs/solve} does: the rows
 * become cached blocks ({@link org.attnreg.io.DataLoader#fromDataFrame}) and
 * {@link org.attnreg.job.SolveJob#run} solves, with the same {@link SolveOptions} and its checks.
 * Invalid params fail at {@code fit}, before any Spark job runs, with a message naming the param.
 *
 * <pre>
 *   AttnRegressionModel model = new AttnRegression().setFamily("softmax").setRidge(1e-6)
 *       .setFeaturesCol("features").setLabelCol("b").fit(df);
 * </pre>
 *
 * The regulariser ½‖WAx‖² + ½λ‖x‖² takes either one weight for every row ({@code regW}: W = w·I)
 * or each row's own weight from a numeric column ({@code weightCol}: W = diag(w_i), w_i ≥ 0); setting
 * both fails at fit. Unlike the instance weights of Spark's regressors, w_i weighs the row's
 * regulariser term, not its residual.
 */
public final class AttnRegression extends Estimator<AttnRegressionModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  /** Where the family param is looked up; not a param (not saved): the standard registry unless given. */
  private final LossFamilies families;
  private final Param<String> family;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> weightCol;
  private final Param<String> marginCol;
  private final Param<String> predictionCol;
  private final DoubleParam regW;
  private final DoubleParam ridge;
  private final DoubleParam tol;
  private final IntParam maxIter;
  private final LongParam seed;
  private final Param<String> hessian;
  private final Param<String> sketch;
  private final IntParam sketchSize;
  private final DoubleParam epsilon;
  private final IntParam partitions;
  private final Param<String> outputDir;

  public AttnRegression() {
    this(Identifiable$.MODULE$.randomUID("attnreg"));
  }

  public AttnRegression(String uid) {
    this(uid, LossFamilies.standard());
  }

  /** An estimator whose family param names a family of {@code families} (e.g. one a library user defines). */
  public AttnRegression(LossFamilies families) {
    this(Identifiable$.MODULE$.randomUID("attnreg"), families);
  }

  private AttnRegression(String uid, LossFamilies families) {
    this.uid = uid;
    this.families = families;
    family = ParamDefs.family(this);
    featuresCol = ParamDefs.featuresCol(this);
    labelCol = ParamDefs.labelCol(this);
    weightCol = new Param<>(this, "weightCol", "numeric column of each row's regulariser weight w_i ≥ 0, so that"
        + " W = diag(w_i) in ½‖WAx‖² (unset: W = regW·I; setting both regW > 0 and weightCol fails at fit)");
    marginCol = ParamDefs.marginCol(this);
    predictionCol = ParamDefs.predictionCol(this);
    regW = new DoubleParam(this, "regW", "uniform row weight w of the regulariser ½‖WAx‖², W = w·I (≥ 0)");
    ridge = new DoubleParam(this, "ridge", "ridge coefficient λ of ½λ‖x‖² (≥ 0)");
    tol = new DoubleParam(this, "tol", "stop when ‖∇L‖ ≤ tol·‖∇L(x0)‖ (> 0)");
    maxIter = new IntParam(this, "maxIter", "most Newton iterations (≥ 0)");
    seed = new LongParam(this, "seed", "seed of every random choice (sketches)");
    hessian = new Param<>(this, "hessian", "exact, sketch or auto (picks by kernel speeds measured on this machine and n, d, nnz)");
    sketch = new Param<>(this, "sketch", "sketch kind when sketching: gauss-newton, leverage, sparse-sign or gaussian");
    sketchSize = new IntParam(this, "sketchSize", "sketch rows m; 0 derives m from epsilon");
    epsilon = new DoubleParam(this, "epsilon", "target spectral accuracy of the sketched Hessian part");
    partitions = new IntParam(this, "partitions", "partitions of the cached blocks; 0 = Spark's default parallelism");
    outputDir = new Param<>(this, "outputDir", "if set, fit writes x.csv, trace.csv, summary.json, "
        + "convergence.png and report.html there, as jobs/solve does");
    setDefaults();
  }

  private void setDefaults() {
    SolveOptions d = SolveOptions.defaults(SolveOptions.DEFAULT_FAMILY);
    setDefault(family, d.family());
    setDefault(featuresCol, ParamDefs.DEFAULT_FEATURES_COL);
    setDefault(labelCol, ParamDefs.DEFAULT_LABEL_COL);
    setDefault(marginCol, ParamDefs.DEFAULT_MARGIN_COL);
    setDefault(predictionCol, ParamDefs.DEFAULT_PREDICTION_COL);
    setDefault(regW, d.regW());
    setDefault(ridge, d.ridge());
    setDefault(tol, SolverConfig.DEFAULT_TOLERANCE);
    setDefault(maxIter, SolverConfig.DEFAULT_MAX_ITERATIONS);
    setDefault(seed, d.seed());
    setDefault(hessian, d.hessian());
    setDefault(sketch, d.sketch());
    setDefault(sketchSize, d.sketchSize());
    setDefault(epsilon, d.epsilon());
    setDefault(partitions, 0);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public AttnRegressionModel fit(Dataset<?> dataset) {
    return Fitting.fit(this, dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (getWeightCol() != null) {
      Schemas.requireNumber(schema, "weightCol", getWeightCol());
    }
    return Schemas.withOutputs(schema, getFeaturesCol(), getLabelCol(), getMarginCol(), getPredictionCol());
  }

  @Override
  public AttnRegression copy(ParamMap extra) {
    return copyValues(new AttnRegression(uid, families), extra);
  }

  public static MLReader<AttnRegression> read() {
    return new DefaultParamsReader<>();
  }

  public static AttnRegression load(String path) {
    return read().load(path);
  }

  /** The registry the family param is looked up in. */
  public LossFamilies families() {
    return families;
  }

  /** The validated options of a solve with these params; messages name the param (and its CLI option). */
  public SolveOptions solveOptions() {
    return Fitting.solveOptions(this);
  }

  // ------------------------------------------------------------------ params (found by Spark by reflection)

  public Param<String> family() { return family; }
  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> labelCol() { return labelCol; }
  public Param<String> weightCol() { return weightCol; }
  public Param<String> marginCol() { return marginCol; }
  public Param<String> predictionCol() { return predictionCol; }
  public DoubleParam regW() { return regW; }
  public DoubleParam ridge() { return ridge; }
  public DoubleParam tol() { return tol; }
  public IntParam maxIter() { return maxIter; }
  public LongParam seed() { return seed; }
  public Param<String> hessian() { return hessian; }
  public Param<String> sketch() { return sketch; }
  public IntParam sketchSize() { return sketchSize; }
  public DoubleParam epsilon() { return epsilon; }
  public IntParam partitions() { return partitions; }
  public Param<String> outputDir() { return outputDir; }

  // ------------------------------------------------------------------ getters

  public String getFamily() { return getOrDefault(family); }
  public String getFeaturesCol() { return getOrDefault(featuresCol); }
  public String getLabelCol() { return getOrDefault(labelCol); }
  public String getWeightCol() { return isDefined(weightCol) ? getOrDefault(weightCol) : null; }
  public String getMarginCol() { return getOrDefault(marginCol); }
  public String getPredictionCol() { return getOrDefault(predictionCol); }
  public double getRegW() { return (Double) getOrDefault(regW); }
  public double getRidge() { return (Double) getOrDefault(ridge); }
  public double getTol() { return (Double) getOrDefault(tol); }
  public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
  public long getSeed() { return (Long) getOrDefault(seed); }
  public String getHessian() { return getOrDefault(hessian); }
  public String getSketch() { return getOrDefault(sketch); }
  public int getSketchSize() { return (Integer) getOrDefault(sketchSize); }
  public double getEpsilon() { return (Double) getOrDefault(epsilon); }
  public int getPartitions() { return (Integer) getOrDefault(partitions); }
  public String getOutputDir() { return isDefined(outputDir) ? getOrDefault(outputDir) : null; }

  // ------------------------------------------------------------------ setters (checked at fit)

  public AttnRegression setFamily(String v) { return with(family, v); }
  public AttnRegression setFeaturesCol(String v) { return with(featuresCol, v); }
  public AttnRegression setLabelCol(String v) { return with(labelCol, v); }
  public AttnRegression setWeightCol(String v) { return with(weightCol, v); }
  public AttnRegression setMarginCol(String v) { return with(marginCol, v); }
  public AttnRegression setPredictionCol(String v) { return with(predictionCol, v); }
  public AttnRegression setRegW(double v) { return with(regW, v); }
  public AttnRegression setRidge(double v) { return with(ridge, v); }
  public AttnRegression setTol(double v) { return with(tol, v); }
  public AttnRegression setMaxIter(int v) { return with(maxIter, v); }
  public AttnRegression setSeed(long v) { return with(seed, v); }
  public AttnRegression setHessian(String v) { return with(hessian, v); }
  public AttnRegression setSketch(String v) { return with(sketch, v); }
  public AttnRegression setSketchSize(int v) { return with(sketchSize, v); }
  public AttnRegression setEpsilon(double v) { return with(epsilon, v); }
  public AttnRegression setPartitions(int v) { return with(partitions, v); }
  public AttnRegression setOutputDir(String v) { return with(outputDir, v); }

  private <T> AttnRegression with(Param<T> param, T value) {
    set(param, value);
    return this;
  }
}
