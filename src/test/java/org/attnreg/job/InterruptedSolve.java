package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.attnreg.command.SolverOptions;
import org.attnreg.io.DataLoader;
import org.attnreg.io.LoadedData;
import org.attnreg.io.StartingPoint;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;
import org.attnreg.testkit.TestReadOptions;
import picocli.CommandLine;

/**
 * A solve through the job API interrupted by its listener right after the checkpoint of iterate k,
 * as a driver killed there: the checkpoint is then all that is left in {@code out}. The read and
 * layout identity are those a command line recorded in a reference run's checkpoint, so that
 * {@code solve --resume} accepts this one.
 */
final class InterruptedSolve {
  private InterruptedSolve() {}

  /** What the listener throws once the checkpoint of the iterate it waits for is written. */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted(int k) {
      super("interrupted after the checkpoint of iterate " + k);
    }
  }

  /** A start far from the solution, alternating ±size, written to {@code file}. */
  static void writeFarStart(Path file, int d, double size) throws IOException {
    StringBuilder far = new StringBuilder();
    for (int j = 0; j < d; j++) {
      far.append(j % 2 == 0 ? size : -size).append('\n');
    }
    Files.writeString(file, far.toString());
  }

  /**
   * Solves {@code data} (2 partitions) with the options {@code solverArgs} from the start in
   * {@code x0File} until the checkpoint of iterate k is written into {@code out}.
   *
   * @param reference an earlier command-line run whose checkpoint gives the read and layout identity
   * @param request changes to the request (e.g. a forced Gram kernel)
   */
  static void untilIterate(SparkSession spark, Path data, Path x0File, int d, String[] solverArgs, Path reference,
      Path out, int k, UnaryOperator<SolveRequest> request) throws IOException {
    SolveOptions options = CommandLine.populateCommand(new SolverOptions(), solverArgs).toSolveOptions();
    JsonNode identity = new ObjectMapper().readTree(reference.resolve(Checkpoint.FILE).toFile()).get("identity");
    ObjectMapper mapper = new ObjectMapper();
    @SuppressWarnings("unchecked")
    Map<String, Object> read = mapper.convertValue(identity.get("read"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> layout = mapper.convertValue(identity.get("layout"), Map.class);
    LoadedData loaded = DataLoader.load(spark, data.toString(), TestReadOptions.defaults().withPartitions(2).build());
    double[] x0 = StartingPoint.read(x0File.toString(), d, new Configuration());
    IterationListener stopAtK = new IterationListener() {
      @Override
      public void onIteration(IterationRecord record, double[] x) {}

      @Override
      public void onAccepted(SolverState state) {
        if (state.iteration() == k) {
          throw new Interrupted(k);
        }
      }
    };
    try {
      assertThrows(Interrupted.class, () -> SolveJob.run(spark, loaded, request.apply(SolveRequest.of(options)
          .withStart(x0).withCheckpoints(new Checkpoints(AtomicFiles.in(out.toString()), read, layout), false)
          .withListener(stopAtK))));
    } finally {
      loaded.unpersist();
    }
  }
}
