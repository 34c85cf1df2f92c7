package org.attnreg.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.io.InputFormat;
import org.attnreg.io.InstanceWriter;
import org.attnreg.io.LabeledRow;
import org.attnreg.linalg.RowBlock;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.ResultWriter;
import org.attnreg.problem.Globals;
import org.attnreg.problem.Regularizer;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;

/**
 * Writes a planted instance in parallel on the executors: every partition generates its own range
 * of rows from the seed (no driver bottleneck), one value pass at {@code x*} fixes the family's
 * global normalisers, and a second generation writes the rows with their targets. The directory
 * also gets {@code _x_star.csv} and {@code _instance.json}, which readers skip as hidden files.
 */
public final class GenerateJob {
  public static final String X_STAR = "_x_star.csv";
  public static final String INSTANCE = "_instance.json";

  private GenerateJob() {}

  public static Map<String, Object> run(SparkSession spark, PlantedInstance instance, InputFormat format,
      int partitions, String out) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> ids = IntStream.range(0, partitions).boxed().toList();
    JavaRDD<Integer> parts = sc.parallelize(ids, partitions);
    double[] xStar = instance.xStar();
    Globals globals = globalsAtXStar(sc, instance, partitions, "generate: ");
    sc.setJobDescription("generate: write " + instance.n() + " rows");
    JavaRDD<LabeledRow> rows = parts.flatMap(p -> labelledRows(instance, xStar, globals, partitions, p));
    InstanceWriter.write(spark, rows, format, out, instance.d());
    sc.setJobDescription(null);
    nameTextParts(out, format, sc.hadoopConfiguration());
    Map<String, Object> description = describe(instance, format, partitions, xStar);
    AtomicFiles files = AtomicFiles.in(out, sc.hadoopConfiguration());
    files.writeText(X_STAR, ResultWriter.vector(xStar));
    files.writeText(INSTANCE, ResultWriter.json(description));
    return description;
  }

  /** Text part files get the format's extension, so a reader infers the format from the directory alone. */
  private static void nameTextParts(String out, InputFormat format, Configuration conf) {
    if (format == InputFormat.PARQUET) {
      return;
    }
    String extension = "." + format.name().toLowerCase(Locale.ROOT);
    try {
      Path dir = new Path(out);
      FileSystem fs = dir.getFileSystem(conf);
      for (FileStatus part : fs.listStatus(dir, p -> p.getName().startsWith("part-"))) {
        fs.rename(part.getPath(), new Path(dir, part.getPath().getName() + extension));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot name the part files in " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * One value pass at x* over the instance's unlabelled rows, in {@code partitions} partitions, fixes
   * the family's globals (e.g. softmax's log α) that its targets are made with.
   */
  public static Globals globalsAtXStar(JavaSparkContext sc, PlantedInstance instance, int partitions, String jobPrefix) {
    JavaRDD<Integer> parts = sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions);
    JavaRDD<RowBlock> blocks = parts.flatMap(
        p -> instance.unlabelledBlocks(first(instance, partitions, p), first(instance, partitions, p + 1)).iterator());
    Problem problem = new Problem(instance.lossFamily(), Regularizer.NONE, instance.d());
    return DistributedEvaluator.over(sc, blocks, problem, jobPrefix).values(LineBatch.at(instance.xStar()), 0)[0]
        .globals();
  }

  /** The first row of partition p of {@code partitions}. */
  public static long first(PlantedInstance instance, int partitions, int p) {
    return instance.n() * p / partitions;
  }
  private static Iterator<LabeledRow> labelledRows(PlantedInstance instance, double[] xStar, Globals globals,
      int partitions, int p) {
    long from = first(instance, partitions, p);
    long to = first(instance, partitions, p + 1);
    int d = instance.d();
    int[] columns = new int[d];
    double[] values = new double[d];
    List<LabeledRow> out = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      int count = instance.row(i, columns, values);
      double b = instance.target(i, columns, values, count, xStar, globals);
      if (instance.sparse()) {
        out.add(new LabeledRow(i, b, Arrays.copyOf(columns, count), Arrays.copyOf(values, count)));
      } else {
        double[] dense = new double[d];
        for (int k = 0; k < count; k++) {
          dense[columns[k]] = values[k];
        }
        out.add(new LabeledRow(i, b, null, dense));
      }
    }
    return out.iterator();
  }

  private static Map<String, Object> describe(PlantedInstance instance, InputFormat format, int partitions,
      double[] xStar) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", instance.family());
    m.put("n", instance.n());
    m.put("d", instance.d());
    m.put("seed", instance.seed());
    m.put("noise", instance.noise());
    m.put("density", instance.density());
    m.put("x_scale", instance.xScale());
    m.put("digits", instance.digits());
    m.put("condition", instance.condition());
    m.put("format", format.name().toLowerCase(Locale.ROOT));
    m.put("partitions", partitions);
    m.put("x_star", xStar);
    return m;
  }
}
