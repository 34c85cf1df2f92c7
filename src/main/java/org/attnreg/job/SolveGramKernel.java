package org.attnreg.job;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.attnreg.linalg.GramKernelChoice;
import org.attnreg.linalg.GramKernelKind;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.linalg.GramKernelMode;
import org.attnreg.linalg.GramKernelUnavailableException;
import org.attnreg.problem.Globals;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.ForwardingEvaluator;
import org.attnreg.solver.SolverState;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.FusedAggregate;
import org.attnreg.stats.LineBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gram kernel of one solve: chosen once on the driver (probe, {@code --gram-kernel}, or the
 * checkpoint a resume continues), carried by the exact curvature to every pass, and replaced for the
 * rest of the solve by the built-in JVM kernel when an executor cannot load it: the failed pass is
 * rerun with the built-in kernel, and so is every later one, so that the solve never mixes kernels
 * after the switch. Sketched Hessians use no Gram kernel, and then nothing is chosen.
 */
final class SolveGramKernel {
  private static final Logger LOG = LoggerFactory.getLogger(SolveGramKernel.class);

  private final GramKernelKind builtIn;
  private GramKernelChoice choice;

  SolveGramKernel(GramKernelChoice choice, GramKernelKind builtIn) {
    this.choice = choice;
    this.builtIn = builtIn;
  }

  /**
   * The kernel for a solve of {@code curvature} at dimension d: the saved one when resuming (a forced
   * other kernel is then ignored, with a note), else {@code mode}'s.
   *
   * @param saved the checkpointed state a resume continues, or null
   */
  static SolveGramKernel choose(GramKernelMode mode, Curvature curvature, SolverState saved, int d,
      GramKernelLoader loader, List<String> notes) {
    GramKernelChoice choice = null;
    if (saved != null && saved.curvature() instanceof ExactCurvature exact) {
      choice = GramKernelChoice.ofCheckpoint(exact.kernel());
      if (mode.forced() != null && mode.forced() != exact.kernel()) {
        notes.add("--gram-kernel " + mode.forced().option() + " is not used: the resumed solve keeps the checkpoint's"
            + " Gram kernel " + exact.kernel().option() + ", so that it ends exactly as an uninterrupted one");
      }
    } else if (saved == null && curvature instanceof ExactCurvature) {
      choice = GramKernelChoice.forSolve(mode, d, loader);
    }
    if (choice != null) {
      LOG.debug("{}", choice.describe());
    }
    return new SolveGramKernel(choice, loader.builtIn());
  }

  /** The curvature with the solve's kernel (unchanged when it is sketched). */
  Curvature applied(Curvature curvature) {
    return choice != null && curvature instanceof ExactCurvature exact ? exact.withKernel(choice.kernel()) : curvature;
  }

  /** The {@code gram_kernel} entry of summary.json: the kernel the solve ended with and how it was chosen. */
  Map<String, Object> summary() {
    return choice == null ? Map.of("kernel", "none", "chosen_by", "the Hessian is sketched") : choice.summary();
  }

  /** {@code inner} with every derivative pass run with the solve's kernel, falling back as described above. */
  Evaluator evaluator(Evaluator inner) {
    return new ForwardingEvaluator(inner) {
      @Override
      public Derivatives derivatives(double[] x, Globals globals, int iteration, Curvature curvature) {
        return withKernel(curvature, c -> inner.derivatives(x, globals, iteration, c));
      }

      @Override
      public FusedAggregate.Result valuesAndDerivatives(LineBatch batch, int derivativeIndex, Globals predicted,
          int iteration, Curvature curvature) {
        return withKernel(curvature, c -> inner.valuesAndDerivatives(batch, derivativeIndex, predicted, iteration, c));
      }

      @Override
      public Derivatives correctedDerivatives(double[] x, Globals predicted, Globals exact, int iteration,
          Curvature curvature) {
        return withKernel(curvature, c -> inner.correctedDerivatives(x, predicted, exact, iteration, c));
      }
    };
  }

  /**
   * A pass whose Gram is taken with the solve's kernel; when an executor cannot load it, the pass
   * runs again with the built-in kernel, which the solve keeps from then on.
   */
  private <T> T withKernel(Curvature curvature, Function<Curvature, T> pass) {
    Curvature c = applied(curvature);
    try {
      return pass.apply(c);
    } catch (Exception e) { // Spark's SparkException is checked but thrown undeclared from Scala
      if (!(c instanceof ExactCurvature exact) || exact.kernel() == builtIn || !GramKernelUnavailableException.in(e)) {
        throw e;
      }
      String why = reason(e);
      choice = choice.fallback(builtIn, why);
      LOG.warn("{}; the solve continues with the built-in Gram kernel {}", why, builtIn.option());
      return pass.apply(exact.withKernel(builtIn));
    }
  }

  /** The executor's own words, from the exception or, when Spark kept only its text, from the message. */
  private static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof GramKernelUnavailableException) {
        return t.getMessage();
      }
    }
    String name = GramKernelUnavailableException.class.getName() + ": ";
    String text = String.valueOf(failure.getMessage());
    int at = text.indexOf(name);
    String rest = at < 0 ? text : text.substring(at + name.length());
    int end = rest.indexOf('\n');
    return end < 0 ? rest : rest.substring(0, end);
  }
}
