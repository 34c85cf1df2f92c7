package org.attnreg.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.solver.FamilySolve;
import org.attnreg.solver.IterationListener;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolverConfig;
import org.attnreg.solver.SolverState;
import org.attnreg.stats.Problem;
import org.attnreg.testkit.RandomProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are written beside the solve: closing the listener waits for the last one, and a write
 * that fails stops the solve instead of passing unnoticed.
 */
class CheckpointingListenerTest {

  @Test
  void closingWaitsUntilTheLastAcceptedStepIsOnDisk(@TempDir Path dir) throws IOException {
    List<SolverState> states = acceptedStates();
    List<SolverState> heard = new ArrayList<>();
    IterationListener user = collecting(heard);
    try (CheckpointingListener listener = new CheckpointingListener(user, AtomicFiles.in(dir.toString()), Map.of(),
        new double[4])) {
      for (SolverState s : states) {
        listener.onAccepted(s);
      }
    }
    assertEquals(states.size(), heard.size(), "every step reaches the user's listener");
    int last = states.get(states.size() - 1).iteration();
    assertEquals(last, new ObjectMapper().readTree(dir.resolve(Checkpoint.FILE).toFile()).get("iteration").asInt(),
        "the file holds the last accepted step once the listener is closed");
    try (var files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary file is left");
    }
  }

  @Test
  void aWriteThatFailsStopsTheSolveAtTheNextStepOrAtClose(@TempDir Path dir) throws IOException {
    List<SolverState> states = acceptedStates();
    Files.createDirectory(dir.resolve(Checkpoint.FILE)); // a directory where the file must go: every write fails
    Files.writeString(dir.resolve(Checkpoint.FILE).resolve("keep"), "the user's");
    CheckpointingListener listener = new CheckpointingListener(IterationListener.NONE, AtomicFiles.in(dir.toString()),
        Map.of(), new double[4]);
    listener.onAccepted(states.get(0));
    UncheckedIOException atClose = assertThrows(UncheckedIOException.class, listener::close);
    assertTrue(atClose.getMessage().contains(Checkpoint.FILE), atClose.getMessage());
    assertThrows(UncheckedIOException.class, () -> listener.onAccepted(states.get(1)),
        "no later step proceeds after a failed checkpoint");
    assertEquals("the user's", Files.readString(dir.resolve(Checkpoint.FILE).resolve("keep")), "nothing is lost");
  }

  @Test
  void aSolveThatStopsOnAFailedWriteEndsWithThatErrorAlone(@TempDir Path dir) throws IOException {
    List<SolverState> states = acceptedStates();
    Files.createDirectory(dir.resolve(Checkpoint.FILE));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
      try (CheckpointingListener listener = new CheckpointingListener(IterationListener.NONE,
          AtomicFiles.in(dir.toString()), Map.of(), new double[4])) {
        for (int step = 0; step < 2000; step++) { // as a solve does, until the failed write surfaces
          listener.onAccepted(states.get(step % states.size()));
          Thread.sleep(2);
        }
      }
    });
    assertEquals(0, e.getSuppressed().length, "closing does not report the same failure again");
  }

  /** The accepted steps of a small softmax solve. */
  private static List<SolverState> acceptedStates() {
    LossFamily family = LossFamilies.byId("softmax");
    double[][] a = RandomProblems.gaussianRows(200, 4, 0.5, 1);
    double[] b = RandomProblems.plantedTargets(family, a, RandomProblems.gaussianVector(4, 0.5, 2));
    LocalEvaluator evaluator = new LocalEvaluator(new Problem(family, Regularizer.NONE, 4),
        RandomProblems.partitions(a, b, 64, false), 1);
    List<SolverState> states = new ArrayList<>();
    FamilySolve.solve(new NewtonSolver(SolverConfig.defaults().withTolerance(1e-10)), family, evaluator, new double[4],
        collecting(states));
    assertTrue(states.size() >= 2, "the solve takes a few steps: " + states.size());
    return states;
  }

  private static IterationListener collecting(List<SolverState> states) {
    return new IterationListener() {
      @Override
      public void onIteration(IterationRecord record, double[] x) {}

      @Override
      public void onAccepted(SolverState state) {
        states.add(state);
      }
    };
  }
}
