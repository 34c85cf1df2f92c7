package org.attnreg.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.ExitCode;
import org.attnreg.io.DataLoader;
import org.attnreg.io.LoadedData;
import org.attnreg.io.ReadOptions;
import org.attnreg.io.StartingPoint;
import org.attnreg.job.Checkpoints;
import org.attnreg.job.GenerateJob;
import org.attnreg.job.SolveJob;
import org.attnreg.job.SolveOptions;
import org.attnreg.job.SolveRequest;
import org.attnreg.ml.AttnRegression;
import org.attnreg.ml.AttnRegressionModel;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;
import org.attnreg.testkit.CliRun;
import org.attnreg.testkit.MiniHdfs;
import org.attnreg.testkit.SharedSpark;
import org.attnreg.testkit.TestReadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path against a real HDFS (a NameNode and a DataNode on 127.0.0.1, {@link MiniHdfs}),
 * addressed by full {@code hdfs://127.0.0.1:PORT/…} URIs: {@code generate} writes CSV, LIBSVM and
 * Parquet instances there; {@code solve} reads each of them and writes its results and checkpoints
 * there, with the same x as the same solve on local copies of the files; {@code --resume} continues
 * from an HDFS checkpoint; the estimator fits, saves and loads there.
 */
@ExtendWith(SharedSpark.class)
class HdfsEndToEndTest {
  private static final int N = 4000;
  private static final int D = 6;
  /** Noise on b (whose entries are about 1/N): the least-squares start is then not already the optimum. */
  private static final double NOISE = 1e-6;
  /** ‖x − x*‖/‖x*‖ that the noise allows; a solve that misses the optimum lands far outside it. */
  private static final double NEAR_PLANTED = 2e-3;

  @TempDir
  static java.nio.file.Path local;
  static MiniHdfs hdfs;
  static FileSystem fs;
  /** A start far from x*, so that every solve takes several damped Newton steps. */
  static String farStart;

  @BeforeAll
  static void startHdfsAndGenerateTheInstances(SparkSession spark) {
    hdfs = MiniHdfs.start("HdfsEndToEndTest");
    farStart = hdfs.uri("/starts/far.csv");
    fs = hdfs.newClient();
    StringBuilder start = new StringBuilder();
    for (int j = 0; j < D; j++) {
      start.append(j % 2 == 0 ? 3.0 : -3.0).append('\n');
    }
    try (var out = fs.create(new Path(farStart))) {
      out.write(start.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String format : new String[] {"csv", "libsvm", "parquet"}) {
      CliRun generated = CliRun.of("generate", "--family", "softmax", "--n", String.valueOf(N), "--d",
          String.valueOf(D), "--format", format, "--partitions", "2", "--seed", "7", "--noise", String.valueOf(NOISE),
          "--density", format.equals("libsvm") ? "0.7" : "1", "--out", hdfs.uri("/data/" + format));
      assertEquals(ExitCode.OK, generated.code(), generated.toString());
    }
  }

  @AfterAll
  static void stopHdfs() throws IOException {
    if (fs != null) {
      fs.close();
    }
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void generateWritesTheDataFilesAndTheirPlantedSolutionToHdfs() throws IOException {
    for (String format : new String[] {"csv", "libsvm", "parquet"}) {
      Path dir = new Path(hdfs.uri("/data/" + format));
      List<String> parts = new ArrayList<>();
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.getPath().getName().startsWith("part-")) {
          parts.add(f.getPath().getName());
          assertTrue(f.getLen() > 0, f.getPath() + " is empty");
        }
      }
      assertEquals(2, parts.size(), format + ": one file per partition, got " + parts);
      String extension = format.equals("parquet") ? ".parquet" : "." + format;
      assertTrue(parts.stream().allMatch(p -> p.endsWith(extension)), parts.toString());
      assertEquals(D, vector(dir + "/" + GenerateJob.X_STAR).length);
      JsonNode instance = new ObjectMapper().readTree(text(dir + "/" + GenerateJob.INSTANCE));
      assertEquals(N, instance.get("n").asLong());
      assertEquals(format, instance.get("format").asText());
    }
    CliRun again = CliRun.of("generate", "--n", "10", "--d", "2", "--out", hdfs.uri("/data/csv"));
    assertEquals(ExitCode.USAGE, again.code(), again.toString());
    assertTrue(again.err().contains("already exists"), again.err());
  }

  /**
   * Each format read from hdfs:// with the results on hdfs://, against the same solve of local copies
   * of the same files written to file://: the same x to 1e-12, and every result file on HDFS with no
   * temporary file left behind.
   */
  @Test
  void aSolveReadsEachFormatFromHdfsWritesThereAndMatchesTheSameSolveOnLocalFiles() throws IOException {
    for (String format : new String[] {"csv", "libsvm", "parquet"}) {
      String input = hdfs.uri("/data/" + format);
      java.nio.file.Path localInput = local.resolve("data-" + format);
      fs.copyToLocalFile(false, new Path(input), new Path(localInput.toUri()), true);
      String[] options = {"--partitions", "2", "--x0", farStart, "--tol", "1e-12"};
      if (format.equals("libsvm")) {
        options = concat(options, new String[] {"--num-features", String.valueOf(D)});
      }
      String out = hdfs.uri("/results/" + format);
      CliRun onHdfs = CliRun.of(concat(new String[] {"solve", "--family", "softmax", "--input", input, "--out", out},
          options));
      assertEquals(ExitCode.OK, onHdfs.code(), onHdfs.toString());
      java.nio.file.Path localOut = local.resolve("results-" + format);
      CliRun onLocal = CliRun.of(concat(new String[] {"solve", "--family", "softmax", "--input",
          localInput.toUri().toString(), "--out", localOut.toUri().toString()}, options));
      assertEquals(ExitCode.OK, onLocal.code(), onLocal.toString());

      double[] x = vector(out + "/x.csv");
      double[] xLocal = CliRun.vector(localOut.resolve("x.csv"));
      double apart = CliRun.relativeDistance(x, xLocal);
      assertTrue(apart <= 1e-12, format + ": x on HDFS and on file:// differ by " + apart);
      double fromPlanted = CliRun.relativeDistance(x, vector(input + "/" + GenerateJob.X_STAR));
      System.out.printf("%s: ‖x_hdfs − x_file‖/‖x_file‖ = %.3g, ‖x − x*‖/‖x*‖ = %.3g%n", format, apart, fromPlanted);
      assertTrue(fromPlanted <= NEAR_PLANTED, format + ": x is " + fromPlanted + " from the planted solution");

      Set<String> names = names(out);
      assertTrue(names.containsAll(Set.of("summary.json", "trace.csv", "x.csv", "convergence.png", "report.html",
          Checkpoint.FILE)), format + ": " + names);
      assertTrue(names.stream().noneMatch(s -> s.startsWith(".")), format + ": temporary files left: " + names);
      JsonNode summary = new ObjectMapper().readTree(text(out + "/summary.json"));
      assertEquals("converged", summary.get("status").asText());
      assertTrue(summary.get("iterations").asInt() >= 3, format + ": the far start should take several steps");
      assertEquals(N, summary.get("n").asLong());
      assertTrue(summary.toString().contains(hdfs.root().toString()), "the summary names the HDFS input");
      assertTrue(fs.getFileStatus(new Path(out + "/convergence.png")).getLen() > 1000, "a chart, not an empty file");
    }
  }

  /**
   * A solve stopped after iterate 2 leaves its checkpoint on HDFS; {@code --resume} from there ends
   * with exactly the x of the uninterrupted solve (same partitioning, so bit for bit).
   */
  @Test
  void aSolveStoppedOnHdfsResumesFromItsHdfsCheckpointToTheUninterruptedX(SparkSession spark) throws IOException {
    String far = farStart;
    String input = hdfs.uri("/data/csv");
    String reference = hdfs.uri("/resume/reference");
    String[] common = {"solve", "--family", "softmax", "--input", input, "--partitions", "2", "--tol", "1e-12"};
    CliRun whole = CliRun.of(concat(common, new String[] {"--out", reference, "--x0", far}));
    assertEquals(ExitCode.OK, whole.code(), whole.toString());
    int iterations = new ObjectMapper().readTree(text(reference + "/summary.json")).get("iterations").asInt();
    assertTrue(iterations >= 4, "the far start should take several steps, took " + iterations);

    String out = hdfs.uri("/resume/stopped");
    stopAfterIterate(spark, input, reference, far, out, 2);
    assertFalse(fs.exists(new Path(out + "/summary.json")), "a stopped solve has no summary");
    JsonNode checkpoint = new ObjectMapper().readTree(text(out + "/" + Checkpoint.FILE));
    assertEquals(2, checkpoint.get("iteration").asInt());

    CliRun resumed = CliRun.of(concat(common, new String[] {"--out", out, "--resume"}));
    assertEquals(ExitCode.OK, resumed.code(), resumed.toString());
    assertArrayEquals(vector(reference + "/x.csv"), vector(out + "/x.csv"), 0.0,
        "the resumed x must equal the uninterrupted x bit for bit");
    JsonNode summary = new ObjectMapper().readTree(text(out + "/summary.json"));
    assertEquals(iterations, summary.get("iterations").asInt());
    assertEquals(2, summary.get("resumed_from_iteration").asInt());
  }

  /**
   * The estimator on a DataFrame read from HDFS Parquet, with its result files on HDFS; the model and
   * the estimator save to HDFS and load back unchanged.
   */
  @Test
  void theEstimatorFitsFromHdfsAndSavesAndLoadsItsModelThere(SparkSession spark) throws IOException {
    String input = hdfs.uri("/data/parquet");
    Dataset<Row> rows = spark.read().parquet(input);
    AttnRegression estimator = new AttnRegression().setFamily("softmax").setLabelCol("b").setPartitions(2)
        .setOutputDir(hdfs.uri("/ml/fit"));
    AttnRegressionModel model = estimator.fit(rows);
    double[] x = model.coefficients().toArray();
    double fromPlanted = CliRun.relativeDistance(x, vector(input + "/" + GenerateJob.X_STAR));
    assertTrue(fromPlanted <= NEAR_PLANTED, "the fitted x is " + fromPlanted + " from the planted solution");
    assertArrayEquals(x, vector(hdfs.uri("/ml/fit/x.csv")), 0.0, "outputDir on HDFS holds the fitted x");

    String modelPath = hdfs.uri("/ml/model");
    model.write().save(modelPath);
    assertTrue(fs.exists(new Path(modelPath + "/metadata")), names(modelPath).toString());
    AttnRegressionModel loaded = AttnRegressionModel.load(modelPath);
    assertArrayEquals(x, loaded.coefficients().toArray(), 0.0, "coefficients round-trip exactly");
    assertEquals(model.summary().iterations(), loaded.summary().iterations());
    List<Row> before = model.transform(rows).select("prediction").collectAsList();
    List<Row> after = loaded.transform(rows).select("prediction").collectAsList();
    assertEquals(before, after, "the loaded model predicts what the fitted one does");

    String estimatorPath = hdfs.uri("/ml/estimator");
    estimator.write().save(estimatorPath);
    AttnRegression reread = AttnRegression.load(estimatorPath);
    assertEquals("softmax", reread.getFamily());
    assertEquals("b", reread.getLabelCol());
    assertEquals(2, reread.getPartitions());
    assertEquals(hdfs.uri("/ml/fit"), reread.getOutputDir());
    Vector refit = reread.setOutputDir(hdfs.uri("/ml/refit")).fit(rows).coefficients();
    assertArrayEquals(x, refit.toArray(), 0.0, "the reloaded estimator fits the same x");
  }

  /**
   * A separate driver JVM whose class path starts with a Hadoop configuration directory (what
   * {@code jobs/solve} does with {@code HADOOP_CONF_DIR}): its {@code core-site.xml} sets
   * {@code fs.defaultFS} to the test HDFS, so paths without a scheme are read from and written to HDFS.
   */
  @Test
  void aDriverWithAHadoopConfigurationDirectoryResolvesPlainPathsOnHdfs() throws Exception {
    java.nio.file.Path conf = local.resolve("hadoop-conf");
    Files.createDirectories(conf);
    Files.writeString(conf.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
        + "  <property><name>fs.defaultFS</name><value>" + hdfs.root() + "</value></property>\n</configuration>\n");
    String out = "/default-fs/results";
    java.nio.file.Path log = local.resolve("default-fs.log");
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmFlags().split("\\s+")));
    command.addAll(List.of("-Xmx1g", "-Dspark.ui.enabled=false", "-Djava.io.tmpdir=" + local,
        "-cp", conf + java.io.File.pathSeparator + System.getProperty("java.class.path"), "org.attnreg.Main",
        "solve", "--family", "softmax", "--input", "/data/csv", "--out", out, "--master", "local[2]",
        "--partitions", "2", "--x0", "/starts/far.csv", "--tol", "1e-12"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process driver = pb.start();
    boolean ended = driver.waitFor(5, java.util.concurrent.TimeUnit.MINUTES);
    if (!ended) {
      driver.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    assertTrue(ended, "the driver did not end within 5 minutes:\n" + output);
    assertEquals(ExitCode.OK, driver.exitValue(), output);
    assertFalse(Files.exists(java.nio.file.Path.of(out)), "the results went to the local disk, not to HDFS");
    String reference = hdfs.uri("/default-fs/reference");
    CliRun inProcess = CliRun.of("solve", "--family", "softmax", "--input", hdfs.uri("/data/csv"), "--out", reference,
        "--partitions", "2", "--x0", farStart, "--tol", "1e-12");
    assertEquals(ExitCode.OK, inProcess.code(), inProcess.toString());
    double apart = CliRun.relativeDistance(vector(hdfs.uri(out + "/x.csv")), vector(reference + "/x.csv"));
    assertTrue(apart <= 1e-12, "x from the plain-path solve differs from the hdfs:// one by " + apart);
  }

  /** The pom's JVM flags for Java 17, as the build writes them for the launchers. */
  static String jvmFlags() throws IOException {
    try (InputStream in = HdfsEndToEndTest.class.getResourceAsStream("/attnreg-jvm.flags")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static String text(String uri) throws IOException {
    try (InputStream in = fs.open(new Path(uri))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static double[] vector(String uri) throws IOException {
    return text(uri).lines().map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
  }

  static Set<String> names(String dir) throws IOException {
    Set<String> names = new TreeSet<>();
    for (FileStatus f : fs.listStatus(new Path(dir))) {
      names.add(f.getPath().getName());
    }
    return names;
  }

  /**
   * The reference solve through the job API, stopped by its listener right after the checkpoint of
   * iterate k, with the read and layout identity the command line recorded in the reference's own
   * checkpoint (so that {@code solve --resume} accepts this one).
   */
  private static void stopAfterIterate(SparkSession spark, String input, String reference, String far, String out,
      int k) throws IOException {
    JsonNode identity = new ObjectMapper().readTree(text(reference + "/" + Checkpoint.FILE)).get("identity");
    ObjectMapper mapper = new ObjectMapper();
    @SuppressWarnings("unchecked")
    Map<String, Object> read = mapper.convertValue(identity.get("read"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> layout = mapper.convertValue(identity.get("layout"), Map.class);
    SolveOptions d = SolveOptions.defaults("softmax"); // with the reference's --tol 1e-12
    SolveOptions options = new SolveOptions(d.family(), d.regW(), d.ridge(), 1e-12, d.maxIterations(), d.seed(),
        d.hessian(), d.sketch(), d.sketchSize(), d.epsilon());
    LoadedData loaded = DataLoader.load(spark, input, TestReadOptions.defaults().withPartitions(2).build());
    double[] x0 = StartingPoint.read(far, loaded.d(), spark.sparkContext().hadoopConfiguration());
    IterationListener stop = new IterationListener() {
      @Override
      public void onIteration(IterationRecord record, double[] x) {}

      @Override
      public void onAccepted(SolverState state) {
        if (state.iteration() == k) {
          throw new IllegalStateException("stopped after iterate " + k);
        }
      }
    };
    try {
      SolveRequest request = SolveRequest.of(options).withStart(x0).withListener(stop).withCheckpoints(
          new Checkpoints(AtomicFiles.in(out, spark.sparkContext().hadoopConfiguration()), read, layout), false);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> SolveJob.run(spark, loaded, request));
      assertEquals("stopped after iterate " + k, e.getMessage());
    } finally {
      loaded.unpersist();
    }
  }
}
