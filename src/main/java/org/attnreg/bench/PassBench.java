package org.attnreg.bench;

import java.util.List;
import org.attnreg.stats.ExactCurvature;

/**
 * Section "passes": each pass against the hardware. The memory bandwidth (STREAM-like, same JVM,
 * one thread per core) gives the bound {@code bytes(A)/bandwidth}; the same aggregates in a plain
 * thread pool give what the pass would cost without Spark.
 */
final class PassBench {
  static final String SECTION = "passes";
  private final BenchContext ctx;

  PassBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  void bandwidth() {
    Bandwidth bw = new Bandwidth(ctx.cores(), ctx.plan.streamDoubles());
    Timing sum = bw.sum(ctx.plan.reps());
    Timing triad = bw.triad(ctx.plan.reps());
    String threads = ctx.cores() + " threads";
    ctx.results.add("bandwidth", "stream sum", threads, "GB/s (median)", bw.sumBytes() / sum.median() * 1e-9);
    ctx.results.add("bandwidth", "stream sum", threads, "GB/s (best)", bw.sumBytes() / sum.min() * 1e-9);
    ctx.results.add("bandwidth", "stream triad", threads, "GB/s (median)", bw.triadBytes() / triad.median() * 1e-9);
    ctx.results.add("bandwidth", "stream triad", threads, "GB/s (best)", bw.triadBytes() / triad.min() * 1e-9);
    ctx.say("bandwidth: sum %.1f GB/s, triad %.1f GB/s (medians)", bw.sumBytes() / sum.median() * 1e-9,
        bw.triadBytes() / triad.median() * 1e-9);
  }

  void run() {
    for (long[] shape : ctx.plan.passShapes()) {
      Instances.Cached data = ctx.cache("softmax", shape[0], (int) shape[1], 0.0, 1.0, ctx.cores());
      try {
        measure(data, "n=" + shape[0] + " d=" + shape[1]);
      } finally {
        data.release();
      }
    }
  }

  private void measure(Instances.Cached data, String setting) {
    int reps = ctx.plan.reps();
    PassTimer timer = new PassTimer(ctx.sc, data);
    record(data, setting, "value pass (spark)", timer.values(reps));
    record(data, setting, "derivative pass (spark)", timer.derivatives(reps, new ExactCurvature()));
    List<org.attnreg.linalg.RowBlock> local = LocalCopies.of(data);
    try (PlainPasses plain = new PlainPasses(local, ctx.cores())) {
      record(data, setting, "value pass (plain java)",
          Timing.of(1, reps, () -> plain.values(timer.problem(), timer.batch())));
      record(data, setting, "derivative pass (plain java)", Timing.of(1, reps,
          () -> plain.derivatives(timer.problem(), timer.x(), timer.globals(), new ExactCurvature())));
    }
    for (String pass : new String[] {"value pass", "derivative pass"}) {
      double spark = ctx.results.value(SECTION, pass + " (spark)", setting, "seconds (median)");
      double plain = ctx.results.value(SECTION, pass + " (plain java)", setting, "seconds (median)");
      ctx.results.add(SECTION, pass + " (spark)", setting, "x plain java", spark / plain);
    }
  }

  private void record(Instances.Cached data, String setting, String subject, Timing t) {
    double bound = data.bytes() / ctx.bandwidth();
    ctx.results.add(SECTION, subject, setting, "seconds (median)", t.median());
    ctx.results.add(SECTION, subject, setting, "seconds (min)", t.min());
    ctx.results.add(SECTION, subject, setting, "GB/s of A (median)", data.bytes() / t.median() * 1e-9);
    ctx.results.add(SECTION, subject, setting, "fraction of bandwidth bound (median)", bound / t.median());
    ctx.say("%s %s: median %.3f s, min %.3f s, %.0f %% of the bandwidth bound", subject, setting, t.median(),
        t.min(), 100 * bound / t.median());
  }
}
