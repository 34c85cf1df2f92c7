package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.io.DataLoader;
import org.attnreg.io.InputFormat;
import org.attnreg.io.LoadedData;
import org.attnreg.linalg.GramKernel;
import org.attnreg.linalg.GramKernelChoice;
import org.attnreg.linalg.GramKernelKind;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.linalg.GramKernelMode;
import org.attnreg.linalg.GramKernelUnavailableException;
import org.attnreg.output.Checkpoint;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolveResult;
import org.attnreg.solver.SolverConfig;
import org.attnreg.spark.DistributedEvaluator;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The solve's Gram kernel end to end: a forced kernel is the one used and reported, the probe's
 * choice and figures reach summary.json, a resume keeps the checkpoint's kernel (also against another
 * --gram-kernel), and a kernel an executor cannot load makes the whole solve fall back to the
 * built-in kernel, bit-identically to a solve that used the built-in kernel from the start.
 */
@ExtendWith(SharedSpark.class)
class GramKernelSolveTest {
  @TempDir
  static Path dir;
  static Path data;
  static SparkSession spark;

  static final String[] SOLVER = {"--family", "softmax", "--hessian", "exact", "--tol", "1e-12"};

  @BeforeAll
  static void instance(SparkSession session) throws IOException {
    spark = session;
    data = dir.resolve("data");
    GenerateJob.run(spark, new PlantedInstance("softmax", 6_000, 8, 9L, 0.0, 1.0, 1.0, 0), InputFormat.CSV, 2,
        data.toString());
    InterruptedSolve.writeFarStart(dir.resolve("far.csv"), 8, 3.0);
  }

  static String[] solve(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("solve", "--input", data.toString(), "--out", out.toString(),
        "--partitions", "2"));
    args.addAll(List.of(SOLVER));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void aForcedKernelIsUsedAndReportedAndAutoReportsTheProbe() throws IOException {
    Path forced = dir.resolve("forced-scalar");
    CliRun scalar = CliRun.of(solve(forced, "--gram-kernel", "scalar", "--x0", dir.resolve("far.csv").toString()));
    assertEquals(ExitCode.OK, scalar.code(), scalar.toString());
    JsonNode kernel = json(forced.resolve("summary.json")).get("gram_kernel");
    assertEquals("scalar", kernel.get("kernel").asText(), kernel.toString());
    assertEquals("forced", kernel.get("chosen_by").asText(), kernel.toString());
    assertEquals(GramKernelKind.SCALAR.code(), json(forced.resolve(Checkpoint.FILE)).get("curvature").get("counters")
        .get("gram_kernel").asLong(), "the checkpoint holds the kernel");

    Path auto = dir.resolve("auto");
    CliRun probed = CliRun.of(solve(auto, "--verbose"));
    assertEquals(ExitCode.OK, probed.code(), probed.toString());
    JsonNode chosen = json(auto.resolve("summary.json")).get("gram_kernel");
    assertEquals("probe", chosen.get("chosen_by").asText(), chosen.toString());
    JsonNode gflops = chosen.get("probe").get("gflops");
    assertTrue(gflops.has("scalar") && gflops.has(chosen.get("kernel").asText()), chosen.toString());
    assertEquals(8, chosen.get("probe").get("d").asInt());
    JsonNode hessian = json(auto.resolve("summary.json")).get("hessian_choice");
    assertEquals("exact", hessian.get("mode").asText(), hessian.toString());
    assertEquals("exact", hessian.get("curvature").asText(), hessian.toString());
    Path automatic = dir.resolve("auto-hessian");
    CliRun any = CliRun.of("solve", "--input", data.toString(), "--out", automatic.toString(), "--partitions", "2",
        "--family", "softmax", "--tol", "1e-12");
    assertEquals(ExitCode.OK, any.code(), any.toString());
    hessian = json(automatic.resolve("summary.json")).get("hessian_choice");
    assertEquals("auto", hessian.get("mode").asText(), hessian.toString());
    assertEquals("exact", hessian.get("choice").asText(), "d = 8 is exact without measuring: " + hessian);
    assertEquals(GramKernelLoader.SYSTEM.available(GramKernelKind.NATIVE), gflops.has("native"), chosen.toString());
  }

  @Test
  void anUnknownKernelIsAUsageError() {
    CliRun bad = CliRun.of(solve(dir.resolve("bad"), "--gram-kernel", "blas"));
    assertEquals(ExitCode.USAGE, bad.code(), bad.toString());
    assertTrue(bad.err().contains("--gram-kernel: must be auto, native, vector or scalar, got 'blas'"), bad.err());
  }

  /** Interrupted after iterate 2 with the scalar kernel, resumed asking for another: the scalar kernel goes on. */
  @Test
  void aResumeKeepsTheCheckpointedKernel() throws IOException {
    String far = dir.resolve("far.csv").toString();
    Path reference = dir.resolve("resume-reference");
    CliRun whole = CliRun.of(solve(reference, "--gram-kernel", "scalar", "--x0", far));
    assertEquals(ExitCode.OK, whole.code(), whole.toString());
    int iterations = json(reference.resolve("summary.json")).get("iterations").asInt();
    assertTrue(iterations >= 3, "the solve should take several steps, took " + iterations);

    Path out = dir.resolve("resumed");
    solveUntilIterate(reference, out, 2, GramKernelMode.SCALAR);
    CliRun resumed = CliRun.of(solve(out, "--resume", "--gram-kernel", "vector"));
    assertEquals(ExitCode.OK, resumed.code(), resumed.toString());
    assertTrue(resumed.out().contains("--gram-kernel vector is not used"), resumed.out());
    JsonNode kernel = json(out.resolve("summary.json")).get("gram_kernel");
    assertEquals("scalar", kernel.get("kernel").asText(), kernel.toString());
    assertEquals("checkpoint", kernel.get("chosen_by").asText(), kernel.toString());
    assertEquals("resumed", json(out.resolve("summary.json")).get("hessian_choice").get("mode").asText(),
        "a resume keeps the checkpoint's curvature");
    assertArrayEquals(CliRun.vector(reference.resolve("x.csv")), CliRun.vector(out.resolve("x.csv")), 0.0);

    // A checkpoint written before kernels were recorded resumes with the built-in kernel.
    Path old = dir.resolve("resumed-old");
    solveUntilIterate(reference, old, 2, GramKernelMode.SCALAR);
    Path file = old.resolve(Checkpoint.FILE);
    String text = Files.readString(file);
    String withoutKernel = text.replaceAll("\"gram_kernel\"\\s*:\\s*3", "");
    assertTrue(!withoutKernel.equals(text), text);
    Files.writeString(file, withoutKernel);
    CliRun oldResumed = CliRun.of(solve(old, "--resume"));
    assertEquals(ExitCode.OK, oldResumed.code(), oldResumed.toString());
    JsonNode oldKernel = json(old.resolve("summary.json")).get("gram_kernel");
    assertEquals(GramKernelLoader.SYSTEM.builtIn().option(), oldKernel.get("kernel").asText(), oldKernel.toString());
    assertEquals("checkpoint", oldKernel.get("chosen_by").asText(), oldKernel.toString());
  }

  static void solveUntilIterate(Path reference, Path out, int k, GramKernelMode mode) throws IOException {
    InterruptedSolve.untilIterate(spark, data, dir.resolve("far.csv"), 8, SOLVER, reference, out, k,
        r -> r.withGramKernel(mode));
  }

  /** The executors' view of a machine without native BLAS: native never loads, the rest as this JVM has them. */
  static final class NoNativeBlas implements GramKernelLoader {
    private static final long serialVersionUID = 1L;

    @Override
    public GramKernel load(GramKernelKind kind) {
      if (kind == GramKernelKind.NATIVE) {
        throw new GramKernelUnavailableException(kind, "simulated executor without native BLAS");
      }
      return GramKernelLoader.SYSTEM.load(kind);
    }
  }

  @Test
  void aKernelTheExecutorsCannotLoadMakesTheWholeSolveFallBackToTheBuiltInOne() {
    LoadedData loaded = DataLoader.load(spark, data.toString(), TestReadOptions.defaults().withPartitions(2).build());
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Problem problem = new Problem(LossFamilies.standard().family("softmax"), Regularizer.NONE, loaded.d());
      GramKernelLoader noNative = new NoNativeBlas();
      GramKernelKind builtIn = noNative.builtIn();
      SolverConfig config = SolverConfig.defaults().withTolerance(1e-12);
      double[] x0 = new double[loaded.d()];

      Evaluator plain = DistributedEvaluator.over(sc, loaded.blocks(), problem, "test: ");
      ExactCurvature nativeGram = new ExactCurvature(GramKernelKind.NATIVE, noNative);
      Exception failed = assertThrows(Exception.class,
          () -> new NewtonSolver(config, nativeGram).solve(plain, x0, IterationListener.NONE));
      assertTrue(GramKernelUnavailableException.in(failed), "the executor says which kernel it cannot load: " + failed);

      SolveGramKernel gram = new SolveGramKernel(new GramKernelChoice(GramKernelKind.NATIVE, "forced", null, null),
          builtIn);
      SolveResult fellBack = new NewtonSolver(config, gram.applied(nativeGram))
          .solve(gram.evaluator(plain), x0, IterationListener.NONE);
      SolveResult direct = new NewtonSolver(config, new ExactCurvature(builtIn, noNative))
          .solve(plain, x0, IterationListener.NONE);
      assertTrue(fellBack.converged(), fellBack.message());
      assertArrayEquals(direct.x(), fellBack.x(), 0.0, "every pass after the failure used the built-in kernel");
      assertEquals(direct.derivativePasses(), fellBack.derivativePasses());
      Map<String, Object> summary = gram.summary();
      assertEquals(builtIn.option(), summary.get("kernel"), summary.toString());
      assertEquals("fallback", summary.get("chosen_by"), summary.toString());
      assertTrue(String.valueOf(summary.get("note")).contains("simulated executor without native BLAS"),
          summary.toString());
    } finally {
      loaded.unpersist();
    }
  }
}
