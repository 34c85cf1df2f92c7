package org.attnreg.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnreg.command.ExitCode;
import org.attnreg.command.InputOptions;
import org.attnreg.command.SparkMasterOption;
import org.attnreg.io.DataLoader;
import org.attnreg.io.LoadedData;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.Regularizer;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.spark.SparkSessions;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code attnreg glr-fit}: Spark ML's {@code GeneralizedLinearRegression(gaussian, log, no intercept)}
 * on an input file, as one cold command of its own, so that the bench can time it side by side with
 * {@code attnreg solve --family exp} in separate JVMs. The rows are read and cached by the same loader
 * as a solve's, then the fit alone is timed, as a solve's {@code seconds} are. GLR runs with the
 * settings of the bench's own glr section (25 iterations at most, tolerance 1e-6), so both sections
 * time the same fit.
 */
@Command(name = "glr-fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fit Spark ML's GeneralizedLinearRegression (family gaussian, link log, no intercept) to the"
        + " rows of --input, the model min ½‖exp(Ax) − b‖² of `solve --family exp`; labels must be positive.",
        "Prints one JSON object: fit_seconds (the fit alone, after the rows are cached), load_seconds,"
            + " iterations, loss (½‖exp(Ax) − b‖² at the fit), n, d and x."})
public final class GlrFitCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions input;

  @Mixin
  SparkMasterOption master;

  @Override
  public Integer call() throws Exception {
    input.toReadOptions(1); // the layout options and --input are refused before Spark starts
    requireInput(input.input);
    SparkSession spark = SparkSessions.create("attnreg glr-fit", master.url);
    long t0 = System.nanoTime();
    LoadedData data = DataLoader.load(spark, input.input, input.toReadOptions(spark.sparkContext().defaultParallelism()));
    Dataset<Row> df = frame(spark, data.blocks(), data.d());
    double loadSeconds = (System.nanoTime() - t0) * 1e-9;
    long t1 = System.nanoTime();
    GeneralizedLinearRegressionModel model = GlrBench.fitGlr(df);
    double fitSeconds = (System.nanoTime() - t1) * 1e-9;
    double[] x = model.coefficients().toArray();
    Problem problem = new Problem(LossFamilies.byId("exp"), Regularizer.NONE, data.d());
    DistributedEvaluator ev = DistributedEvaluator.over(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        data.blocks(), problem, "glr-fit: ");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fit_seconds", fitSeconds);
    out.put("load_seconds", loadSeconds);
    out.put("iterations", model.summary().numIterations());
    out.put("loss", ev.values(LineBatch.at(x), 0)[0].loss());
    out.put("n", data.n());
    out.put("d", data.d());
    out.put("x", x);
    spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
    df.unpersist(true);
    data.unpersist();
    return ExitCode.OK;
  }

  private static void requireInput(String input) {
    Path path = new Path(input);
    try {
      if (!path.getFileSystem(new Configuration()).exists(path)) {
        throw new IllegalArgumentException("--input: " + input + " does not exist");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check --input " + input + ": " + e.getMessage(), e);
    }
  }

  /** The cached rows as GLR's (label, features) frame, every row dense. */
  static Dataset<Row> frame(SparkSession spark, JavaRDD<RowBlock> blocks, int d) {
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    JavaRDD<Row> rows = blocks.flatMap(block -> {
      List<Row> out = new ArrayList<>(block.rows());
      for (int i = 0; i < block.rows(); i++) {
        double[] row = new double[d];
        block.forEachNonZero(i, (j, v) -> row[j] = v);
        out.add(RowFactory.create(block.b()[i], Vectors.dense(row)));
      }
      return out.iterator();
    });
    Dataset<Row> df = spark.createDataFrame(rows, schema).cache();
    df.count();
    return df;
  }
}
