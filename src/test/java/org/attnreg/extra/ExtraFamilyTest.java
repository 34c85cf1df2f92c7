package org.attnreg.extra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.attnreg.analysis.sensitivity.LocalPerturbedData;
import org.attnreg.analysis.sensitivity.SensitivityReport;
import org.attnreg.analysis.sensitivity.SensitivityRow;
import org.attnreg.analysis.sensitivity.SensitivityStudy;
import org.attnreg.ml.AttnRegression;
import org.attnreg.ml.AttnRegressionModel;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.solver.Status;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.Distances;
import org.attnreg.testkit.RandomProblems;
import org.attnreg.testkit.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A family defined only here ({@link LinearRegression}), given to a registry of its own, runs through
 * the solver, the sensitivity study and the estimator with no change anywhere else; the standard
 * registry (and every test matrix driven by it) does not see it.
 */
@ExtendWith(SharedSpark.class)
class ExtraFamilyTest {
  private static final int N = 300;
  private static final int D = 4;
  private static final LossFamily LINEAR = new LinearRegression();
  private static final LossFamilies REGISTRY = LossFamilies.standard().with(LINEAR);

  private final double[][] a = RandomProblems.gaussianRows(N, D, 1.0, 41);
  private final double[] b = noisyTargets(a);

  @Test
  void theRegistryOfItsOwnHasItAndTheStandardOneDoesNot() {
    assertTrue(REGISTRY.known().contains("linear"));
    assertEquals(LINEAR, REGISTRY.family("linear"));
    assertFalse(LossFamilies.standard().known().contains("linear"));
    assertEquals(LossFamilies.standard().known().size() + 1, REGISTRY.known().size());
  }

  @Test
  void theSolverReachesTheLeastSquaresSolution() {
    LocalEvaluator evaluator = new LocalEvaluator(new Problem(LINEAR, Regularizer.NONE, D),
        RandomProblems.partitions(a, b, 37, false));
    SolveResult r = FamilySolve.solve(solver(), LINEAR, evaluator, null, IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), r.message());
    assertTrue(Distances.relativeError(r.x(), normalEquations(a, b)) <= 1e-10,
        "x = " + java.util.Arrays.toString(r.x()));
    assertTrue(r.warnings().isEmpty(), "a family without traps warns of nothing: " + r.warnings());
  }

  /**
   * For least squares, x*(A + tE) solves the normal equations of the moved data exactly, so the
   * study's measured shift can be checked independently, and its first-order prediction must agree
   * with it to O(t).
   */
  @Test
  void theSensitivityStudyRunsAndItsBoundsHold() {
    Problem problem = new Problem(LINEAR, Regularizer.NONE, D);
    LocalPerturbedData data = LocalPerturbedData.random(problem, RandomProblems.partitions(a, b, 37, false), 7);
    double[] norms = {1e-6, 1e-4};
    SensitivityReport report = new SensitivityStudy(solver(), IterationListener.NONE).run(data, LINEAR, null, norms,
        row -> { });
    assertTrue(report.allBoundsHold(), "residual bounds");
    assertTrue(Distances.relativeError(report.solve().x(), normalEquations(a, b)) <= 1e-10);
    for (SensitivityRow row : report.rows()) {
      assertTrue(row.measuredShift() > 0.0, "the solution moved at ‖E‖ = " + row.norm());
      assertTrue(row.disagreement() < 1e-2, "first order vs measured at ‖E‖ = " + row.norm() + ": "
          + row.disagreement());
    }
  }

  @Test
  void theEstimatorFitsAndPredictsWithTheFamilysLink(SparkSession spark) {
    AttnRegressionModel model = new AttnRegression(REGISTRY).setFamily("linear").setPartitions(3).fit(frame(spark));
    double[] x = model.coefficients().toArray();
    assertTrue(Distances.relativeError(x, normalEquations(a, b)) <= 1e-10, "x = " + java.util.Arrays.toString(x));
    for (Row row : model.transform(frame(spark)).select("margin", "prediction").collectAsList()) {
      assertEquals(row.getDouble(0), row.getDouble(1), 0.0, "the identity link predicts the margin");
    }
  }

  private static NewtonSolver solver() {
    return new NewtonSolver(SolverConfig.defaults().withTolerance(1e-12), new ExactCurvature());
  }

  private Dataset<Row> frame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      rows.add(RowFactory.create(b[i], Vectors.dense(a[i])));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 3), schema);
  }

  private static double[] noisyTargets(double[][] a) {
    double[] xStar = RandomProblems.gaussianVector(D, 1.0, 42);
    double[] noise = RandomProblems.gaussianVector(N, 0.1, 43);
    double[] b = new double[N];
    for (int i = 0; i < N; i++) {
      b[i] = RandomProblems.dot(a[i], xStar) + noise[i];
    }
    return b;
  }

  /** {@code (AᵀA)⁻¹Aᵀb} by Gaussian elimination with partial pivoting, independent of the project's solvers. */
  static double[] normalEquations(double[][] a, double[] b) {
    int d = a[0].length;
    double[][] m = new double[d][d + 1];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          m[j][k] += a[i][j] * a[i][k];
        }
        m[j][d] += a[i][j] * b[i];
      }
    }
    for (int c = 0; c < d; c++) {
      int pivot = c;
      for (int r = c + 1; r < d; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = 0; r < d; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= d; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] x = new double[d];
    for (int j = 0; j < d; j++) {
      x[j] = m[j][d] / m[j][j];
    }
    return x;
  }
}
