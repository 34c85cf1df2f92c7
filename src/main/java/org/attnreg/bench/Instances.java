package org.attnreg.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.job.GenerateJob;
import org.attnreg.job.PlantedInstance;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;

/**
 * Benchmark data generated straight into cached blocks on the executors (no files): every partition
 * regenerates its own range of rows of a {@link PlantedInstance}, so the same instance gives the
 * same rows in any partitioning. GLR gets a DataFrame of (label, features) made from those blocks.
 */
final class Instances {
  private Instances() {}

  /** A planted instance held as cached blocks, with x* and the globals its targets were made with. */
  record Cached(PlantedInstance instance, JavaRDD<RowBlock> blocks, int partitions, double[] xStar,
      Globals globals) {
    void release() {
      blocks.unpersist(true);
    }

    /** Bytes of A (8·n·d for dense rows), the traffic a pass cannot avoid. */
    long bytes() {
      return 8L * instance.n() * instance.d();
    }
  }

  /** The instance's labelled blocks in {@code partitions} partitions, persisted and materialised. */
  static Cached blocks(JavaSparkContext sc, PlantedInstance instance, int partitions, StorageLevel storage) {
    JavaRDD<Integer> parts = sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions);
    double[] xStar = instance.xStar();
    Globals globals = GenerateJob.globalsAtXStar(sc, instance, partitions, "bench: ");
    sc.setJobDescription("bench: generate " + instance.n() + " x " + instance.d() + " " + instance.family());
    JavaRDD<RowBlock> blocks = parts.flatMap(p -> labelled(instance, xStar, globals,
        GenerateJob.first(instance, partitions, p), GenerateJob.first(instance, partitions, p + 1)));
    blocks.persist(storage);
    blocks.count();
    sc.setJobDescription(null);
    return new Cached(instance, blocks, partitions, xStar, globals);
  }

  /** Rows [from, to) with targets {@code b_i = f_i(x*) + noise_i}, in blocks of the default size. */
  static Iterator<RowBlock> labelled(PlantedInstance instance, double[] xStar, Globals globals, long from,
      long to) {
    int d = instance.d();
    int[] columns = new int[d];
    double[] values = new double[d];
    BlockBuilder builder = new BlockBuilder(d, BlockBuilder.defaultBlockRows(d), instance.sparse());
    List<RowBlock> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      int count = instance.row(i, columns, values);
      builder.addSparse(i, instance.target(i, columns, values, count, xStar, globals), columns, values, count);
      if (builder.isFull()) {
        out.add(builder.build());
      }
    }
    if (!builder.isEmpty()) {
      out.add(builder.build());
    }
    return out.iterator();
  }

  /** The same rows as a cached DataFrame (label, features) for Spark ML; dense blocks only. */
  static Dataset<Row> dataFrame(SparkSession spark, JavaRDD<RowBlock> blocks, int d) {
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    JavaRDD<Row> rows = blocks.flatMap(block -> {
      DenseBlock dense = (DenseBlock) block;
      List<Row> out = new ArrayList<>(dense.rows());
      for (int i = 0; i < dense.rows(); i++) {
        double[] row = java.util.Arrays.copyOfRange(dense.a(), i * d, (i + 1) * d);
        out.add(RowFactory.create(dense.b()[i], Vectors.dense(row)));
      }
      return out.iterator();
    });
    Dataset<Row> df = spark.createDataFrame(rows, schema).cache();
    df.count();
    return df;
  }
}
