package org.attnreg.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnreg.ml.AttnRegression;
import org.attnreg.ml.AttnRegressionModel;
import org.junit.jupiter.api.Test;

/**
 * What a client application does with attnreg: fit the estimator on a small in-memory DataFrame in
 * local mode and read the coefficients. The data has a planted optimum x* with a non-zero residual
 * (b = exp(Ax*) + r, r orthogonal to the columns of diag(exp(Ax*)) A, so the gradient vanishes at
 * x*), so the default start is not already the answer and the fit must take Newton steps to reach it.
 */
class EstimatorClientTest {
  private static final int N = 300;
  private static final double[] X_STAR = {0.8, -0.5, 0.3};

  @Test
  void theEstimatorFitsThePlantedOptimumInLocalMode() {
    int d = X_STAR.length;
    Random random = new Random(11);
    double[][] a = new double[N][d];
    double[] fit = new double[N];
    for (int i = 0; i < N; i++) {
      double z = 0.0;
      for (int j = 0; j < d; j++) {
        a[i][j] = random.nextGaussian() / Math.sqrt(d);
        z += a[i][j] * X_STAR[j];
      }
      fit[i] = Math.exp(z);
    }
    double[] r = residualOrthogonalToTheJacobian(a, fit, random);
    SparkSession spark = SparkSession.builder().master("local[1]").appName("attnreg client")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        rows.add(RowFactory.create(fit[i] + r[i], Vectors.dense(a[i])));
      }
      StructType schema = new StructType().add("b", DataTypes.DoubleType, false)
          .add("features", SQLDataTypes.VectorType(), false);
      Dataset<Row> data = spark.createDataFrame(rows, schema);

      AttnRegressionModel model = new AttnRegression().setFamily("exp").setLabelCol("b").fit(data);

      double[] x = model.coefficients().toArray();
      double error = 0.0;
      double norm = 0.0;
      for (int j = 0; j < d; j++) {
        error += (x[j] - X_STAR[j]) * (x[j] - X_STAR[j]);
        norm += X_STAR[j] * X_STAR[j];
      }
      double relative = Math.sqrt(error / norm);
      System.out.printf("fitted x = %s after %d iterations, ‖x − x*‖/‖x*‖ = %.3g%n",
          java.util.Arrays.toString(x), model.summary().iterations(), relative);
      assertEquals("CONVERGED", model.summary().status().name(), model.summary().message());
      assertTrue(model.summary().iterations() >= 2, "the default start should need Newton steps");
      assertTrue(relative <= 1e-8, "‖x − x*‖/‖x*‖ = " + relative);
      assertEquals(N, model.transform(data).select("prediction").count());
    } finally {
      spark.stop();
    }
  }

  /**
   * r = s·(g − J(JᵀJ)⁻¹Jᵀg) for J = diag(fit)·A and a random g, scaled so that |r_i| ≤ 0.1·fit_i:
   * Jᵀr = 0 makes x* stationary, and a small r keeps it the minimum.
   */
  private static double[] residualOrthogonalToTheJacobian(double[][] a, double[] fit, Random random) {
    int d = a[0].length;
    double[][] jtj = new double[d][d];
    double[] jtg = new double[d];
    double[] g = new double[N];
    for (int i = 0; i < N; i++) {
      g[i] = random.nextGaussian();
      for (int j = 0; j < d; j++) {
        jtg[j] += fit[i] * a[i][j] * g[i];
        for (int k = 0; k < d; k++) {
          jtj[j][k] += fit[i] * a[i][j] * fit[i] * a[i][k];
        }
      }
    }
    double[] c = solve(jtj, jtg);
    double[] r = new double[N];
    double scale = Double.POSITIVE_INFINITY;
    for (int i = 0; i < N; i++) {
      double projected = 0.0;
      for (int j = 0; j < d; j++) {
        projected += fit[i] * a[i][j] * c[j];
      }
      r[i] = g[i] - projected;
      scale = Math.min(scale, 0.1 * fit[i] / Math.abs(r[i]));
    }
    for (int i = 0; i < N; i++) {
      r[i] *= scale;
    }
    return r;
  }

  /** Gaussian elimination with partial pivoting, for the small d×d system. */
  private static double[] solve(double[][] m, double[] v) {
    int d = v.length;
    double[][] a = new double[d][];
    double[] b = v.clone();
    for (int i = 0; i < d; i++) {
      a[i] = m[i].clone();
    }
    for (int col = 0; col < d; col++) {
      int pivot = col;
      for (int row = col + 1; row < d; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      double s = b[col];
      b[col] = b[pivot];
      b[pivot] = s;
      for (int row = col + 1; row < d; row++) {
        double f = a[row][col] / a[col][col];
        for (int k = col; k < d; k++) {
          a[row][k] -= f * a[col][k];
        }
        b[row] -= f * b[col];
      }
    }
    double[] x = new double[d];
    for (int row = d - 1; row >= 0; row--) {
      double s = b[row];
      for (int k = row + 1; k < d; k++) {
        s -= a[row][k] * x[k];
      }
      x[row] = s / a[row][row];
    }
    return x;
  }
}
