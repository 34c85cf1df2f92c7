package org.attnreg.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attnreg.linalg.GramKernelChoice;
import org.attnreg.linalg.GramKernelKind;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.stats.ExactCurvature;

/**
 * Section "gram-choice": a derivative pass (softmax, n = 2·10⁵, d = 512) with the Gram kernel the
 * probe picks in this JVM, against the same pass with each kernel forced, repetitions interleaved so
 * that a busy machine slows all alike. The target: the automatic choice within 1.1× of the
 * forced Vector-API kernel whatever native BLAS is installed; {@code jobs/bench-blas} runs the section
 * once with Debian's reference BLAS and once with OpenBLAS. The scalar kernel is left out of the pass
 * timings at full size (about ten times slower than the others); the probe still measures it.
 */
final class GramChoiceBench {
  static final String SECTION = "gram-choice";
  /** The ratio {@link Targets} checks. */
  static final String AGAINST_VECTOR = "x forced vector (median)";

  private final BenchContext ctx;

  GramChoiceBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  void run() {
    int d = ctx.plan.quick() ? 16 : 512;
    long n = ctx.plan.quick() ? 4000 : 200_000;
    String setting = "n=" + n + " d=" + d + " " + nativeLibrary();
    Instances.Cached data = ctx.cache("softmax", n, d, 0.0, 1.0, ctx.cores());
    try {
      PassTimer timer = new PassTimer(ctx.sc, data);
      GramKernelChoice auto = GramKernelChoice.probe(d, GramKernelLoader.SYSTEM);
      ctx.say("%s", auto.describe());
      auto.probe().gflops().forEach((kind, g) ->
          ctx.results.add(SECTION, "probe " + kind.option(), setting, "GFLOP/s (best call)", g));
      ctx.results.add(SECTION, "probe", setting, "seconds", auto.probe().seconds());
      Map<String, ExactCurvature> runs = new LinkedHashMap<>();
      String autoName = "derivative pass, auto (" + auto.kernel().option() + ")";
      runs.put(autoName, new ExactCurvature(auto.kernel()));
      for (GramKernelKind kind : GramKernelKind.values()) {
        if (GramKernelLoader.SYSTEM.available(kind) && (kind != GramKernelKind.SCALAR || ctx.plan.quick())) {
          runs.put("derivative pass, " + kind.option() + " forced", new ExactCurvature(kind));
        }
      }
      Map<String, double[]> seconds = new LinkedHashMap<>();
      runs.forEach((name, curvature) -> {
        timer.derivatives(1, curvature); // warm-up
        seconds.put(name, new double[ctx.plan.reps()]);
      });
      for (int r = 0; r < ctx.plan.reps(); r++) {
        for (Map.Entry<String, ExactCurvature> run : runs.entrySet()) {
          seconds.get(run.getKey())[r] = timer.derivatives(1, run.getValue()).seconds()[0];
        }
      }
      seconds.forEach((name, s) -> {
        Timing t = new Timing(s);
        ctx.results.add(SECTION, name, setting, "seconds (median)", t.median());
        ctx.results.add(SECTION, name, setting, "seconds (min)", t.min());
        ctx.say("%s %s: median %.3f s, min %.3f s", name, setting, t.median(), t.min());
      });
      double vector = new Timing(seconds.get("derivative pass, vector forced")).median();
      ctx.results.add(SECTION, autoName, setting, AGAINST_VECTOR, new Timing(seconds.get(autoName)).median() / vector);
    } finally {
      data.release();
    }
  }

  /** Which native BLAS netlib was pointed at, for the setting column. */
  private static String nativeLibrary() {
    if (!GramKernelLoader.SYSTEM.available(GramKernelKind.NATIVE)) {
      return "no native BLAS";
    }
    String path = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath");
    return "native " + (path != null ? path : System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3"));
  }
}
