package org.attnreg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Section "e2e": whole cold commands side by side, as a user runs them, each in its own process
 * timed by the wall clock: {@code jobs/solve} on generated CSV files, against scipy's
 * {@code trust-exact} (a Python peer shipped in {@code jobs/peers}) and Spark ML's GLR
 * ({@code attnreg glr-fit}, its own JVM). Solve times come from each command's own report (file
 * loading excluded on every side); whole-command times from the wall clock. This section uses
 * none of the bench JVM's Spark session: its data are files in {@code <out>/e2e/data}, made once
 * by {@code jobs/generate} and reused by later runs into the same directory.
 */
final class E2eBench {
  static final String SECTION = "e2e";
  static final String SKIPPED = "skipped";
  static final String SOLVE = "solve seconds";
  static final String WHOLE = "whole command seconds";
  static final String PER_ITERATION = "seconds per iteration";
  static final String QUADRATIC = "passes per iteration (quadratic phase)";
  static final String ESTIMATED = "passes estimated as value_passes + 1";
  static final String FLOOR = "floor seconds per iteration";
  static final String OVER_FLOOR = "x floor";
  static final String OVER_SCIPY = "speed-up over scipy";
  static final String OVER_GLR = "speed-up over GLR (solve time)";
  static final String MEDIAN_SOLVE = "solve seconds (median)";
  static final String MEDIAN_WHOLE = "whole command seconds (median)";
  static final String GLR = "spark GLR (glr-fit)";
  static final String SCIPY_SOURCE = "../shared/math/check_math.py";

  private final BenchContext ctx;
  private final E2eRunner runner;
  private final boolean quick;

  E2eBench(BenchContext ctx, E2eRunner runner) {
    this.ctx = ctx;
    this.runner = runner;
    this.quick = ctx.plan.quick();
  }

  static String attnreg(String family) {
    return "attnreg solve (" + family + ")";
  }

  static String scipy(String family) {
    return "scipy trust-exact (" + family + ")";
  }

  /** The scipy subject compared with an attnreg subject. */
  static String scipyPeer(String attnregSubject) {
    return attnregSubject.replace("attnreg solve", "scipy trust-exact");
  }

  void run() {
    long big = quick ? 4000 : 1_000_000;
    int bigD = quick ? 8 : 32;
    E2eData.Instance softmax = new E2eData.Instance("softmax", big, bigD, 0.0, 0.05);
    E2eData.Instance exp = new E2eData.Instance("exp", big, bigD, 0.0, 0.05);
    E2eData.Instance small = new E2eData.Instance("exp", quick ? 2000 : 54_000, 21, 0.1, 0.0);
    E2eData.Instance glr = new E2eData.Instance("exp", quick ? 3000 : 300_000, quick ? 8 : 16, 0.0, 0.0);
    for (E2eData.Instance instance : List.of(softmax, exp)) {
      againstScipy(instance, quick ? 1 : 3);
    }
    coldRuns(small, quick ? 2 : 5);
    for (E2eData.Instance instance : List.of(glr, exp)) {
      againstGlr(instance);
    }
  }

  /**
   * attnreg and scipy from x = 0, same relative tolerance, in {@code pairs} interleaved cold runs each
   * (the machine's load drifts: a single run of either side can be a quarter off); every figure is
   * the median run's, the speed-up the ratio of the medians. Also the floor of one iteration.
   */
  private void againstScipy(E2eData.Instance instance, int pairs) {
    String setting = instance.setting() + ", x0 = 0"
        + (pairs > 1 ? ", median of " + pairs + " interleaved cold runs" : "");
    String subject = attnreg(instance.family());
    String peer = scipy(instance.family());
    File data = dataOrSkip(instance, subject, setting);
    if (data == null) {
      return;
    }
    File zeros = runner.zeros(instance.d());
    String why = runner.scipyUnavailable();
    List<ColdSolve> solves = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ChildProcess.Run> pyRuns = new ArrayList<>();
    List<JsonNode> pyResults = new ArrayList<>();
    for (int k = 0; k < pairs; k++) {
      String suffix = pairs > 1 ? "-run" + (k + 1) : "";
      String name = "solve-" + instance.name() + "-x0" + suffix;
      ColdSolve solve = solveOrSkip(instance, data, zeros, name, subject, setting);
      if (solve == null) {
        return;
      }
      solves.add(solve);
      names.add(name);
      if (why == null) {
        ChildProcess.Run py = runner.scipy(instance.family(), data, zeros, "scipy-" + instance.name() + suffix);
        JsonNode result = runner.json(py);
        if (result == null) {
          why = "scipy_newton.py failed: " + py.stderrTail();
        } else {
          pyRuns.add(py);
          pyResults.add(result);
        }
      }
    }
    int mid = medianIndex(solves.stream().mapToDouble(c -> c.summary().get("seconds").asDouble()).toArray());
    ChildProcess.Run run = solves.get(mid).run();
    JsonNode summary = solves.get(mid).summary();
    double seconds = summary.get("seconds").asDouble();
    int iterations = summary.get("iterations").asInt();
    solved(subject, setting, seconds, run, summary);
    add(subject, setting, "value passes", summary.get("value_passes").asDouble());
    add(subject, setting, "derivative passes", summary.get("derivative_passes").asDouble());
    add(subject, setting, PER_ITERATION, seconds / iterations);
    QuadraticPhase phase = QuadraticPhase.of(runner.trace(names.get(mid)));
    add(subject, setting, QUADRATIC, phase.passesPerIteration());
    add(subject, setting, "quadratic-phase iterations", phase.iterations());
    if (phase.estimated()) {
      add(subject, setting, ESTIMATED, 1);
    }
    double floor = floor(instance);
    add(subject, setting, FLOOR, floor);
    add(subject, setting, OVER_FLOOR, seconds / iterations / floor);
    ctx.say("e2e %s %s: solve %.2f s (%d it, %.2f passes/it in the quadratic phase), command %.1f s, floor %.3f s/it",
        instance.family(), setting, seconds, iterations, phase.passesPerIteration(), run.seconds(), floor);

    if (why != null) {
      skip(peer, setting, why);
      return;
    }
    int pyMid = medianIndex(pyResults.stream().mapToDouble(r -> r.get("seconds").asDouble()).toArray());
    JsonNode result = pyResults.get(pyMid);
    double pySeconds = result.get("seconds").asDouble();
    solved(peer, setting, pySeconds, pyRuns.get(pyMid), result);
    add(peer, setting, "reached the tolerance", result.get("success").asBoolean() ? 1 : 0);
    add(subject, setting, OVER_SCIPY, pySeconds / seconds);
    ctx.say("e2e scipy %s %s: minimize %.2f s (%d it, %s), %.2f× attnreg's solve", instance.family(),
        setting, pySeconds, result.get("iterations").asInt(), result.get("message").asText(),
        pySeconds / seconds);
  }

  /** The median of several cold runs of one solve, from the family's own start. */
  private void coldRuns(E2eData.Instance instance, int runs) {
    String setting = instance.setting() + ", median of " + runs + " cold runs";
    String subject = attnreg(instance.family());
    File data = dataOrSkip(instance, subject, setting);
    if (data == null) {
      return;
    }
    double[] solve = new double[runs];
    double[] whole = new double[runs];
    int iterations = 0;
    for (int k = 0; k < runs; k++) {
      String name = "solve-" + instance.name() + "-run" + (k + 1);
      ColdSolve run = solveOrSkip(instance, data, null, name, subject, setting);
      if (run == null) {
        return;
      }
      solve[k] = run.summary().get("seconds").asDouble();
      whole[k] = run.run().seconds();
      iterations = run.summary().get("iterations").asInt();
    }
    add(subject, setting, MEDIAN_SOLVE, median(solve));
    add(subject, setting, MEDIAN_WHOLE, median(whole));
    add(subject, setting, "iterations", iterations);
    ctx.say("e2e exp %s: solve %s s, command %s s (median %.2f / %.1f s)", instance.setting(),
        Arrays.toString(solve), Arrays.toString(whole), median(solve), median(whole));
  }

  /** attnreg's exp solve and GLR's fit, each a cold command from its own default start. */
  private void againstGlr(E2eData.Instance instance) {
    String setting = instance.setting() + ", own starts";
    String subject = attnreg(instance.family());
    File data = dataOrSkip(instance, subject, setting);
    if (data == null) {
      return;
    }
    String name = "glr-" + instance.name();
    ChildProcess.Run glrRun = runner.glrFit(data, name);
    JsonNode fit = runner.json(glrRun);
    if (fit == null) {
      skip(GLR, setting, "attnreg glr-fit failed: " + glrRun.stderrTail());
      return;
    }
    ColdSolve solve = solveOrSkip(instance, data, null, "solve-" + name, subject, setting);
    if (solve == null) {
      return;
    }
    double glrSeconds = fit.get("fit_seconds").asDouble();
    double seconds = solve.summary().get("seconds").asDouble();
    solved(GLR, setting, glrSeconds, glrRun, fit);
    solved(subject, setting, seconds, solve.run(), solve.summary());
    add(subject, setting, OVER_GLR, glrSeconds / seconds);
    ctx.say("e2e glr %s: GLR fit %.2f s (%d it), attnreg solve %.2f s: %.2f×", instance.setting(), glrSeconds,
        fit.get("iterations").asInt(), seconds, glrSeconds / seconds);
  }

  /** The instance's data files; null, and the case skipped, when they cannot be generated. */
  private File dataOrSkip(E2eData.Instance instance, String subject, String setting) {
    File data = runner.data(instance);
    if (data == null) {
      skip(subject, setting, "cannot generate " + instance.name());
    }
    return data;
  }

  /** A cold {@code jobs/solve} and the summary.json it wrote. */
  private record ColdSolve(ChildProcess.Run run, JsonNode summary) {}

  /** Runs the cold solve {@code name}; null, and the case skipped, when it wrote no summary. */
  private ColdSolve solveOrSkip(E2eData.Instance instance, File data, File x0, String name, String subject,
      String setting) {
    ChildProcess.Run run = runner.solve(instance.family(), data, x0, name);
    JsonNode summary = runner.summary(run, name);
    if (summary == null) {
      skip(subject, setting, "jobs/solve failed: " + run.stderrTail());
      return null;
    }
    return new ColdSolve(run, summary);
  }

  /**
   * The least one iteration can cost: one read of A (8 bytes per entry, as the passes hold it) at
   * the measured bandwidth, plus the Gram's n·d·(d+1) flops at the fastest kernel's single-thread
   * speed at this d (as the floor counts it; with every core busy the Gram could go faster).
   */
  private double floor(E2eData.Instance instance) {
    double n = instance.n();
    int d = instance.d();
    double gflops = fastestGram(d);
    if (Double.isNaN(gflops)) {
      new KernelBench(ctx.results, ctx.plan.reps(), quick ? 0.05 : 0.5).run(new int[] {d});
      ctx.say("kernels measured at d=%d for the e2e floor", d);
      gflops = fastestGram(d);
    }
    return n * d * 8 / ctx.bandwidth() + n * d * (d + 1) / (gflops * 1e9);
  }

  private double fastestGram(int d) {
    return ctx.results.section("kernels").stream()
        .filter(f -> f.setting().equals("d=" + d) && f.metric().equals("GFLOP/s (median)"))
        .mapToDouble(Results.Figure::value).max().orElse(Double.NaN);
  }

  /** The figures every finished command has: its solve time, its wall clock, iterations and final loss. */
  private void solved(String subject, String setting, double seconds, ChildProcess.Run run, JsonNode report) {
    add(subject, setting, SOLVE, seconds);
    add(subject, setting, WHOLE, run.seconds());
    add(subject, setting, "iterations", report.get("iterations").asInt());
    add(subject, setting, "loss", report.get("loss").asDouble());
  }

  private void add(String subject, String setting, String metric, double value) {
    ctx.results.add(SECTION, subject, setting, metric, value);
  }

  /** A case that could not run: its reason goes into the subject, where the targets find it. */
  private void skip(String subject, String setting, String why) {
    skip(ctx, subject, setting, why);
  }

  static void skip(BenchContext ctx, String subject, String setting, String why) {
    ctx.say("e2e %s %s skipped: %s", subject, setting, why);
    ctx.results.add(SECTION, subject + " — " + SKIPPED + ": " + why, setting, SKIPPED, Double.NaN);
  }

  /** The index of the median of v (of the lower middle one when v's length is even). */
  static int medianIndex(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int k = 0; k < v.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    return order[(v.length - 1) / 2];
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
  }
}
