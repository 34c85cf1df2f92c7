package org.attnreg.solver;

import java.util.ArrayList;
import java.util.List;
import org.attnreg.linalg.Vectors;
import org.attnreg.problem.Globals;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.Derivatives;
import org.attnreg.stats.EvaluatedPoint;
import org.attnreg.stats.ExactCurvature;
import org.attnreg.stats.FusedAggregate;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.NoCurvature;

/**
 * The damped (approximate-)Newton loop. Each iteration is one derivative pass (gradient and exact or
 * sketched Hessian), a Cholesky solve on the driver, and one value pass that scores every
 * line-search candidate at once; the accepted candidate's value pass also provides the globals of
 * the next derivative pass. The loop stops on the gradient norm, never on the loss.
 *
 * <p><b>Fused passes.</b> While full steps are being accepted (the quadratic phase), the line
 * search's pass also takes the derivatives at the full step, with the new point's globals predicted
 * to first order from the current iterate's ({@link Derivatives#globalsSlope}); the gradient is
 * corrected to be exact, the Hessian's Gram part keeps the predicted weights, an error of the
 * order of the step squared, which keeps the convergence quadratic (maths.md §8.6). An iteration then costs one pass. Every undamped step's line search
 * is fused; the derivatives are used when its full step is accepted and the family accepts the
 * correction (the prediction was close), and thrown away otherwise. A family without globals (exp,
 * cosh, sinh) has nothing to predict: its first pass takes the start's value and derivatives at once.
 *
 * <p><b>Steps refined by products.</b> Where the curvature's Hessian serves only as a preconditioner
 * ({@link Curvature#refinedByProducts}, the Gauss–Newton sketch's finishing phase), the step solves
 * the exact Newton system by conjugate gradients, each exact Hessian–vector product one more pass of
 * the iteration (maths.md §8.7).
 */
public final class NewtonSolver {
  /** A step shorter than this, relative to ‖x‖ (or 1), changes x by rounding only. */
  private static final double NEGLIGIBLE_STEP = 1e-14;
  private static final double CONVERGENCE_MARGIN = 0.1;
  private static final Curvature GRADIENT_ONLY = new NoCurvature();
  /** The loosest forcing term of a conjugate-gradient step. */
  private static final double MAX_FORCING = 0.1;
  /** The most Hessian–vector products (passes) one conjugate-gradient step may spend. */
  public static final int MAX_PRODUCTS = 20;

  private final SolverConfig config;
  private final Curvature initialCurvature;
  private final BacktrackingLineSearch lineSearch;

  /** A solver whose Hessian's diagonal part is accumulated as {@code curvature} says. */
  public NewtonSolver(SolverConfig config, Curvature curvature) {
    this.config = config;
    this.initialCurvature = curvature;
    this.lineSearch = new BacktrackingLineSearch(config);
  }

  /** A solver with the exact Hessian. */
  public NewtonSolver(SolverConfig config) {
    this(config, new ExactCurvature());
  }

  public SolveResult solve(Evaluator evaluator, double[] x0, IterationListener listener) {
    if (x0.length != evaluator.dimension()) {
      throw new IllegalArgumentException("x0 has " + x0.length + " entries, the problem has d = " + evaluator.dimension());
    }
    Run run = new Run(evaluator, listener);
    return run.solve(x0.clone());
  }

  /**
   * Continues a solve from a state handed to {@link IterationListener#onAccepted}: from there on the
   * iterates, records and result are those of the uninterrupted solve (timings aside). The state's
   * curvature replaces this solver's initial one.
   */
  public SolveResult resume(Evaluator evaluator, SolverState state, IterationListener listener) {
    if (state.point().x().length != evaluator.dimension()) {
      throw new IllegalArgumentException("the saved x has " + state.point().x().length + " entries, the problem has d = "
          + evaluator.dimension());
    }
    Run run = new Run(evaluator, listener);
    return run.resume(state);
  }

  /** The mutable state of one solve, confined to it. */
  private final class Run {
    private final Evaluator evaluator;
    private final IterationListener listener;
    private final List<IterationRecord> trace = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Curvature curvature = initialCurvature;
    private int valuePasses;
    private int derivativePasses;
    private double firstGradientNorm = Double.NaN;
    private UnboundedDetector unbounded = new UnboundedDetector();
    /** The next iterate's derivatives, when a fused pass took them, and the globals it predicted. */
    private Derivatives pending;
    private Globals pendingPrediction;
    /** Whether {@link #pending} came from a gradient-only pass (see {@link #predictsConvergence}). */
    private boolean pendingGradientOnly;

    Run(Evaluator evaluator, IterationListener listener) {
      this.evaluator = evaluator;
      this.listener = listener;
    }

    SolveResult solve(double[] x0) {
      long start = System.nanoTime();
      EvaluatedPoint current;
      if (config.fusedPasses() && evaluator.problem().family().globalFree()) {
        // no globals to find first: one pass gives the start's value and its derivatives, which are
        // exact (the predicted globals are the true ones)
        FusedAggregate.Result first = evaluator.valuesAndDerivatives(LineBatch.at(x0), 0, Globals.NONE, -1, curvature);
        current = first.points()[0];
        if (usable(first.derivatives())) {
          pending = first.derivatives();
          pendingPrediction = Globals.NONE;
        }
      } else {
        current = evaluator.values(LineBatch.at(x0), 0)[0];
      }
      valuePasses++;
      double valueSeconds = BacktrackingLineSearch.seconds(start);
      if (!current.isFinite()) {
        return finish(current.x(), Status.NON_FINITE, "the loss at the starting point is " + current.loss(),
            current.loss(), Double.NaN);
      }
      return iterate(0, current, valueSeconds);
    }

    SolveResult resume(SolverState s) {
      trace.addAll(s.trace());
      warnings.addAll(s.warnings());
      curvature = s.curvature();
      valuePasses = s.valuePasses();
      derivativePasses = s.derivativePasses();
      firstGradientNorm = s.firstGradientNorm();
      unbounded = new UnboundedDetector(s.recentPoints(), s.recentLosses());
      if (s.fusedPrediction() != null) {
        // the uninterrupted solve took these derivatives in its fused pass: repeat exactly that, with
        // the curvature it chose from the same trace
        int last = trace.size() - 1;
        pendingGradientOnly = last >= 1
            && predictsConvergence(trace.get(last).gradientNorm(), trace.get(last - 1).gradientNorm());
        pending = evaluator.correctedDerivatives(s.point().x(), s.fusedPrediction(), s.point().globals(),
            s.iteration(), pendingGradientOnly ? GRADIENT_ONLY : curvature);
        pendingPrediction = s.fusedPrediction();
      }
      return iterate(s.iteration(), s.point(), s.valueSeconds());
    }

    /** The loop from iterate {@code k0}, whose point a value pass has evaluated. */
    private SolveResult iterate(int k0, EvaluatedPoint start, double startValueSeconds) {
      EvaluatedPoint current = start;
      double valueSeconds = startValueSeconds;
      for (int k = k0; ; k++) {
        State state = derivativesAt(k, current, valueSeconds);
        SolveResult done = stopIfDone(state);
        if (done != null) {
          return done;
        }
        state = newtonStep(state);
        NewtonStep.Result step = state.step;
        if (!step.solved()) {
          return stop(state, Status.NON_FINITE, "no Newton step: " + step.dampingReason());
        }
        double slope = Math.exp(state.der.logScale()) * Vectors.dot(state.der.gradient(), step.step());
        if (Vectors.norm(step.step()) <= NEGLIGIBLE_STEP * Math.max(1.0, Vectors.norm(current.x()))) {
          return stop(state.withStep(slope, Double.NaN, 0), Status.CONVERGED,
              "Newton step at rounding level (decrement " + slope + ")");
        }
        BacktrackingLineSearch.Outcome search = searchAlong(state, step, slope);
        if (search.accepted() == null) {
          return stop(state.withStep(slope, Double.NaN, search.passes()), Status.LINE_SEARCH_FAILED,
              "no step size down to 2^" + Math.getExponent(search.smallestStep())
                  + " decreased the loss along the Newton direction");
        }
        record(state.withStep(slope, search.accepted().step(), search.passes()), "");
        current = search.accepted();
        valueSeconds = search.seconds();
        listener.onAccepted(new SolverState(k + 1, current, firstGradientNorm, trace, curvature, valuePasses,
            derivativePasses, warnings, unbounded.points(), unbounded.losses(), valueSeconds, pendingPrediction));
      }
    }

    /** Iterate k's derivatives: the previous fused pass's, or a derivative pass of its own. */
    private State derivativesAt(int k, EvaluatedPoint current, double valueSeconds) {
      long derivativeStart = System.nanoTime();
      boolean fused = pending != null;
      if (fused && pendingGradientOnly && !(pending.gradientNorm() <= config.tolerance() * firstGradientNorm)) {
        fused = false; // the predicted end did not come: this point needs its Hessian after all
      }
      Derivatives der = fused ? pending : evaluator.derivatives(current.x(), current.globals(), k, curvature);
      boolean gradientOnly = fused && pendingGradientOnly;
      pending = null;
      pendingPrediction = null;
      pendingGradientOnly = false;
      if (!fused) {
        derivativePasses++;
      }
      if (!gradientOnly) {
        curvature = curvature.after(der);
      }
      double derivativeSeconds = BacktrackingLineSearch.seconds(derivativeStart);
      double gradientNorm = der.gradientNorm();
      if (k == 0) {
        firstGradientNorm = gradientNorm;
      }
      return new State(k, current, der, fused, gradientNorm, derivativeSeconds, valueSeconds);
    }

    /**
     * Iterate k's Newton step: the Cholesky solve with its Hessian or, where the curvature says its
     * Hessian is a preconditioner ({@link Curvature#refinedByProducts}), conjugate gradients on
     * the exact Newton system, to a forcing term that keeps the convergence superlinear
     * ({@code η = ‖g‖/‖g₀‖}, at most {@value #MAX_FORCING}) and asks no more than the tolerance
     * needs ({@code ‖g − Hs‖} a tenth of it). Its products are derivative passes of this iteration.
     */
    private State newtonStep(State state) {
      if (!curvature.refinedByProducts()) {
        return state.withNewtonStep(NewtonStep.solve(state.der.hessian(), state.der.gradient()), 0, 0.0);
      }
      long start = System.nanoTime();
      NewtonStep.Factor preconditioner = NewtonStep.factor(curvature.preconditioner(state.der), evaluator.dimension());
      if (!preconditioner.factored()) {
        return state.withNewtonStep(new NewtonStep.Result(null, preconditioner.damping(),
            preconditioner.dampingReason()), 0, 0.0);
      }
      double relative = state.gradientNorm / firstGradientNorm;
      double forcing = Math.max(CONVERGENCE_MARGIN * config.tolerance() / relative, Math.min(relative, MAX_FORCING));
      double[] x = state.point.x();
      // derivatives whose pass kept no Gram rows hold exactly the low-rank terms and the ridge: the
      // first product then needs no derivative pass of its own
      double[] lowRank = state.der.rowsKept() == 0 ? state.der.hessian() : null;
      ConjugateGradientStep.Result cg = ConjugateGradientStep.solve(preconditioner, state.der.gradient(),
          evaluator.hessianProducts(x, state.point.globals(), state.k, state.der.logScale(), lowRank), forcing,
          MAX_PRODUCTS);
      derivativePasses += cg.products();
      return state.withNewtonStep(new NewtonStep.Result(cg.step(), preconditioner.damping(),
          preconditioner.dampingReason()), cg.products(), BacktrackingLineSearch.seconds(start));
    }

    /** The result when iterate k ends the solve (non-finite, unbounded, converged, out of iterations); else null. */
    private SolveResult stopIfDone(State state) {
      int k = state.k;
      double gradientNorm = state.gradientNorm;
      if (!Double.isFinite(gradientNorm) || !Double.isFinite(state.der.loss())) {
        return stop(state, Status.NON_FINITE, "the gradient or loss at iterate " + k + " is not finite");
      }
      if (unbounded.observe(state.der.loss(), state.point.x())) {
        return stop(state, Status.UNBOUNDED, unbounded.explanation());
      }
      if (gradientNorm <= config.tolerance() * firstGradientNorm || gradientNorm == 0.0) {
        return stop(state, Status.CONVERGED, "gradient norm " + gradientNorm + " ≤ " + config.tolerance()
            + " × initial " + firstGradientNorm);
      }
      if (k >= config.maxIterations()) {
        return stop(state, Status.MAX_ITERATIONS, "reached " + k + (k == 1 ? " iteration" : " iterations")
            + " with gradient norm " + gradientNorm);
      }
      return null;
    }

    /**
     * The line search along the Newton step, fused with the next derivative pass where the step is
     * undamped; keeps the fused derivatives for the next iterate when its full step was accepted.
     */
    private BacktrackingLineSearch.Outcome searchAlong(State state, NewtonStep.Result step, double slope) {
      boolean damped = step.damping() > 0.0;
      // the trial points are x − t·s: the full step's globals, predicted to first order
      Globals predicted = state.der.globalsSlope().along(Vectors.scaled(-1.0, step.step()));
      boolean gradientOnly = !trace.isEmpty() && predictsConvergence(state.gradientNorm, trace.get(trace.size() - 1)
          .gradientNorm());
      BacktrackingLineSearch.Outcome search = lineSearch.search(evaluator, state.point, step.step(), slope, state.k,
          damped, fuseNext(damped) ? (gradientOnly ? GRADIENT_ONLY : curvature) : null, predicted);
      valuePasses += search.passes();
      if (search.accepted() != null && usable(search.derivatives())) {
        pending = search.derivatives();
        pendingPrediction = predicted;
        pendingGradientOnly = gradientOnly;
      }
      return search;
    }

    /**
     * Whether the next iterate is predicted to meet the tolerance, from the gradient norms of this
     * iterate and the one before: at the linear rate they show, {@code ‖g‖²/‖g_prev‖}, with a margin
     * of {@value #CONVERGENCE_MARGIN} (Newton's quadratic phase predicts less still). Then its fused
     * pass takes only the gradient: its Hessian would never be used. A wrong prediction costs one
     * derivative pass at that point.
     */
    private boolean predictsConvergence(double gradientNorm, double previousGradientNorm) {
      return gradientNorm < previousGradientNorm
          && gradientNorm * gradientNorm / previousGradientNorm <= CONVERGENCE_MARGIN * config.tolerance()
              * firstGradientNorm;
    }

    /**
     * Fuse the coming line search with the next derivative pass when the step is undamped: an
     * undamped Newton step is the one whose full length is likely accepted, and where it is not,
     * the fused pass has cost only its derivative arithmetic, not a pass of its own.
     */
    private boolean fuseNext(boolean damped) {
      return config.fusedPasses() && !damped;
    }

    /** A fused pass's derivatives are used only when every piece is finite; else a fresh pass runs. */
    private static boolean usable(Derivatives d) {
      return d != null && Double.isFinite(d.loss()) && Vectors.allFinite(d.gradient()) && Vectors.allFinite(d.hessian());
    }

    private SolveResult stop(State state, Status status, String message) {
      record(state, message);
      return finish(state.point.x(), status, message, state.der.loss(), state.gradientNorm);
    }

    private void record(State s, String message) {
      if (s.step != null && s.step.dampingReason() != null) {
        warnings.add("iteration " + s.k + ": " + s.step.dampingReason() + "; Levenberg–Marquardt damping μ = "
            + s.step.damping() + " applied");
      }
      String note = s.step == null || s.step.dampingReason() == null ? message
          : s.step.dampingReason() + (message.isEmpty() ? "" : "; " + message);
      IterationRecord r = new IterationRecord(s.k, s.der.loss(), s.gradientNorm, s.decrement, s.stepSize,
          s.step == null ? 0.0 : s.step.damping(), note, s.linePasses, s.linePasses + (s.fused ? 0 : 1) + s.products,
          s.der.rowsKept(), s.derivativeSeconds, s.valueSeconds);
      trace.add(r);
      listener.onIteration(r, s.point.x());
    }

    private SolveResult finish(double[] x, Status status, String message, double loss, double gradientNorm) {
      return new SolveResult(x, status, message, Math.max(0, trace.size() - 1), loss, gradientNorm,
          List.copyOf(trace), valuePasses, derivativePasses, List.copyOf(warnings));
    }
  }

  /** What is known about iterate k while its step is being chosen. */
  private record State(int k, EvaluatedPoint point, Derivatives der, boolean fused, double gradientNorm,
      double derivativeSeconds, double valueSeconds, NewtonStep.Result step, int products, double decrement,
      double stepSize, int linePasses) {
    State(int k, EvaluatedPoint point, Derivatives der, boolean fused, double gradientNorm, double derivativeSeconds,
        double valueSeconds) {
      this(k, point, der, fused, gradientNorm, derivativeSeconds, valueSeconds, null, 0, Double.NaN, Double.NaN, 0);
    }

    /** With its Newton step, the Hessian–vector products it took and their seconds (derivative work). */
    State withNewtonStep(NewtonStep.Result s, int productPasses, double productSeconds) {
      return new State(k, point, der, fused, gradientNorm, derivativeSeconds + productSeconds, valueSeconds, s,
          productPasses, decrement, stepSize, linePasses);
    }

    State withStep(double decrement, double stepSize, int linePasses) {
      return new State(k, point, der, fused, gradientNorm, derivativeSeconds, valueSeconds, step, products, decrement,
          stepSize, linePasses);
    }
  }

}
