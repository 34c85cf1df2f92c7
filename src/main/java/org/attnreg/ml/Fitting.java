package org.attnreg.ml;

import java.util.Locale;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.attnreg.io.DataLoader;
import org.attnreg.io.LoadedData;
import org.attnreg.io.ReadOptions;
import org.attnreg.job.SolveJob;
import org.attnreg.job.SolveOptions;
import org.attnreg.job.SolveRequest;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.SolveOutputs;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.SolveResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AttnRegression#fit}: every param is checked first (no Spark job runs for invalid params),
 * then the DataFrame is loaded into cached blocks and solved by the engine the command line uses.
 */
final class Fitting {
  private static final Logger LOG = LoggerFactory.getLogger(AttnRegression.class);

  private Fitting() {}

  static AttnRegressionModel fit(AttnRegression estimator, Dataset<?> dataset) {
    SolveOptions options = solveOptions(estimator);
    ReadOptions read = readOptions(estimator);
    estimator.transformSchema(dataset.schema());
    LoadedData data = DataLoader.fromDataFrame(dataset, read);
    try {
      String prefix = "AttnRegression " + estimator.uid() + ": ";
      SolveJob.Outcome outcome = SolveJob.run(dataset.sparkSession(), data,
          SolveRequest.of(options).withJobPrefix(prefix).withListener(logger(prefix)));
      SolveResult r = outcome.result();
      if (estimator.getOutputDir() != null) {
        AtomicFiles files = AtomicFiles.in(estimator.getOutputDir(),
            dataset.sparkSession().sparkContext().hadoopConfiguration());
        SolveOutputs.write(files, r, outcome.summary());
      }
      LOG.info("{}{} after {} iterations: loss {}, |grad| {} ({})", prefix, r.status().label(), r.iterations(),
          r.loss(), r.gradientNorm(), r.message());
      double seconds = ((Number) outcome.summary().get("seconds")).doubleValue();
      AttnRegressionSummary summary = AttnRegressionSummary.of(r, data.n(), data.d(), options, seconds);
      AttnRegressionModel model = new AttnRegressionModel(estimator.uid(), r.x(), summary, estimator.families());
      return estimator.copyValues(model, ParamMap.empty()).setParent(estimator);
    } finally {
      data.unpersist();
    }
  }

  /** The one options object the command line also builds; its messages are put in terms of the params. */
  static SolveOptions solveOptions(AttnRegression e) {
    try {
      SolveOptions options = new SolveOptions(e.getFamily(), e.getRegW(), e.getRidge(), e.getTol(), e.getMaxIter(),
          e.getSeed(), e.getHessian(), e.getSketch(), e.getSketchSize(), e.getEpsilon(), e.families());
      options.regularizer(e.getWeightCol() != null); // regW and weightCol exclude each other
      return options;
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("AttnRegression: " + ParamDefs.inParamTerms(ex.getMessage()), ex);
    }
  }

  static ReadOptions readOptions(AttnRegression e) {
    if (e.getPartitions() < 0) {
      throw new IllegalArgumentException("AttnRegression: param partitions (--partitions): must be ≥ 0"
          + " (0 = Spark's default parallelism), got " + e.getPartitions());
    }
    try {
      return ReadOptions.ofColumns(e.getLabelCol(), e.getFeaturesCol(), e.getWeightCol(), e.getPartitions());
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("AttnRegression: " + ex.getMessage(), ex);
    }
  }

  /** Per-iteration progress for operators who raise org.attnreg to DEBUG. */
  private static IterationListener logger(String prefix) {
    return (r, x) -> {
      if (LOG.isDebugEnabled()) {
        LOG.debug("{}iteration {}: loss {}, |grad| {}, step {}", prefix, r.iteration(),
            String.format(Locale.ROOT, "%.6e", r.loss()), String.format(Locale.ROOT, "%.3e", r.gradientNorm()),
            r.stepSize());
      }
    };
  }
}
