package org.attnreg.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.testkit.RandomProblems;

/** Planted instances as DataFrames, for the estimator tests. */
final class MlFixtures {
  private MlFixtures() {}

  /** Rows a_i ~ N(0, 1/d), x* ~ N(0, 1), b the family's exact fit at x*. */
  record Instance(double[][] a, double[] b, double[] xStar) {
    static Instance planted(String family, int n, int d, long seed) {
      return noisy(family, n, d, seed, 0.0);
    }

    /** b_i times (1 + noise·g_i), g_i ~ N(0, 1): the least-squares start is then no longer exact. */
    static Instance noisy(String family, int n, int d, long seed, double noise) {
      LossFamily f = LossFamilies.byId(family);
      double[][] a = RandomProblems.gaussianRows(n, d, 1.0, seed);
      double[] xStar = RandomProblems.gaussianVector(d, 1.0, seed + 1000);
      double[] b = RandomProblems.plantedTargets(f, a, xStar);
      double[] g = RandomProblems.gaussianVector(n, noise, seed + 2000);
      for (int i = 0; i < n; i++) {
        b[i] *= 1.0 + g[i];
      }
      return new Instance(a, b, xStar);
    }
  }

  /** Columns (b: double, features: vector), rows in order over {@code slices} partitions. */
  static Dataset<Row> vectors(SparkSession spark, Instance p, int slices) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < p.b().length; i++) {
      rows.add(RowFactory.create(p.b()[i], Vectors.dense(p.a()[i])));
    }
    StructType schema = new StructType().add("b", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
        schema);
  }

  /** Columns (b, a1, …, ad), one double column per feature, for a VectorAssembler. */
  static Dataset<Row> columns(SparkSession spark, Instance p, int slices) {
    int d = p.xStar().length;
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < p.b().length; i++) {
      Object[] values = new Object[d + 1];
      values[0] = p.b()[i];
      for (int j = 0; j < d; j++) {
        values[j + 1] = p.a()[i][j];
      }
      rows.add(RowFactory.create(values));
    }
    StructType schema = new StructType().add("b", DataTypes.DoubleType, false);
    for (String name : featureNames(d)) {
      schema = schema.add(name, DataTypes.DoubleType, false);
    }
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
        schema);
  }

  static String[] featureNames(int d) {
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "a" + (j + 1);
    }
    return names;
  }
}
