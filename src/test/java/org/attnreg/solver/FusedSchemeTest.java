package org.attnreg.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.sketch.Sketches;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.testkit.Distances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused scheme (one pass per iteration while full steps are accepted) against the separate
 * value and derivative passes: the same optimum for every family and every Hessian kind; with the
 * exact Hessian at most one extra iteration and one pass per iteration after a full step.
 */
class FusedSchemeTest {

  static Stream<Arguments> familiesAndHessians() {
    List<String> hessians = Stream.concat(Stream.of("exact"), Sketches.KINDS.stream()).toList();
    return LossFamilies.ids().stream().flatMap(id -> hessians.stream().map(h -> Arguments.of(id, h)));
  }

  private static Curvature curvature(String kind) {
    return kind.equals("exact") ? new ExactCurvature() : Sketches.create(kind, 0, 0.5, 5);
  }

  @ParameterizedTest
  @MethodSource("familiesAndHessians")
  void fusedAndSeparatePassesReachTheSameOptimum(String id, String hessian) {
    LossFamily family = LossFamilies.byId(id);
    FamilySolveTest.Instance p = FamilySolveTest.Instance.planted(family, 24);
    double[] x0 = id.equals("rescaled-sinh") ? FamilySolveTest.nearby(p.xStar(), 0.02) : FamilySolve.dataFreeStart(family, p.xStar().length);
    SolverConfig config = SolverConfig.defaults().withMaxIterations(200);
    SolveResult separate = FamilySolve.solve(new NewtonSolver(config.withFusedPasses(false), curvature(hessian)), family,
        p.evaluator(), x0, IterationListener.NONE);
    SolveResult fused = FamilySolve.solve(new NewtonSolver(config, curvature(hessian)), family, p.evaluator(), x0,
        IterationListener.NONE);
    String what = id + " with the " + hessian + " Hessian";
    assertEquals(Status.CONVERGED, separate.status(), what + ", separate: " + separate.message());
    assertEquals(Status.CONVERGED, fused.status(), what + ", fused: " + fused.message());
    double[] reference = separate.x();
    double gap = Distances.relativeError(fused.x(), reference);
    if (id.contains("cosh")) {
      gap = Math.min(gap, Distances.relativeError(FamilySolveTest.negated(fused.x()), reference));
    }
    assertTrue(gap <= 1e-8, what + ": ‖x_fused − x_separate‖/‖x_separate‖ = " + gap);
    // With a sketched Hessian the step is random and a trap family's path chaotic (rescaled sinh with the
    // Gaussian sketch takes about 20–30 iterations either way), so the iteration count is compared for the
    // exact Hessian, where the fused Hessian's error is second order in the step.
    if (hessian.equals("exact")) {
      assertTrue(fused.iterations() <= separate.iterations() + 1, what + ": fused took " + fused.iterations()
          + " iterations " + passes(fused) + ", separate " + separate.iterations() + " " + passes(separate));
    }
    // the Gauss–Newton sketch's finishing iterations add their Hessian–vector products to the passes
    assertTrue(separate.trace().stream().allMatch(r -> hessian.equals("gauss-newton") ? r.passes() >= r.valuePasses() + 1
        : r.passes() == r.valuePasses() + 1), what + ": without fusion every iteration runs its own derivative pass");
    if (hessian.equals("exact")) {
      // after a full undamped step the next iterate's derivatives come with the line search; the
      // family refuses the correction only while the globals still move by more than a few per cent
      int ownPasses = 0;
      for (int k = 1; k < fused.trace().size(); k++) {
        IterationRecord before = fused.trace().get(k - 1);
        IterationRecord r = fused.trace().get(k);
        if (before.stepSize() == 1.0 && before.damping() == 0.0 && r.passes() != r.valuePasses()) {
          ownPasses++;
        }
      }
      assertTrue(ownPasses <= 1, what + ": " + ownPasses + " iterations after a full step ran their own derivative pass: "
          + passes(fused));
    }
    assertTrue(fused.derivativePasses() < separate.derivativePasses() || separate.iterations() <= 1,
        what + ": fused " + fused.derivativePasses() + " derivative passes, separate " + separate.derivativePasses());
  }

  /** Per iteration: step size, damped or not, passes. */
  private static String passes(SolveResult r) {
    return r.trace().stream().map(t -> t.stepSize() + (t.damping() > 0 ? "d" : "") + ":" + t.passes()).toList().toString();
  }
}
