package org.attnreg.bench;

import org.attnreg.output.Series;
import org.attnreg.stats.ExactCurvature;

/**
 * Section "scaling": seconds per pass as n grows (one partition per core) and as the partition
 * count changes (n fixed), with the least-squares line {@code t = t₀ + c·n} through the n sweep.
 */
final class ScalingBench {
  static final String SECTION = "scaling";
  private final BenchContext ctx;
  private final Curves curves;

  ScalingBench(BenchContext ctx, Curves curves) {
    this.ctx = ctx;
    this.curves = curves;
  }

  void run() {
    long[] rows = ctx.plan.scalingRows();
    double[][] seconds = new double[2][rows.length];
    for (int k = 0; k < rows.length; k++) {
      double[] t = time(rows[k], ctx.cores(), "n=" + rows[k] + " P=" + ctx.cores());
      seconds[0][k] = t[0];
      seconds[1][k] = t[1];
    }
    double[] n = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      n[k] = rows[k];
    }
    fit("value pass", n, seconds[0]);
    fit("derivative pass", n, seconds[1]);
    String chart = "seconds per pass against n (d=" + ctx.plan.scalingDim() + ")";
    curves.series(chart, "rows n", "seconds (median)", true, true, Series.of("value pass", n, seconds[0]).withMarkers(true));
    curves.series(chart, "rows n", "seconds (median)", true, true,
        Series.of("derivative pass", n, seconds[1]).withMarkers(true));
    partitions();
  }

  private void partitions() {
    int[] counts = ctx.plan.partitionCounts();
    double[] p = new double[counts.length];
    double[][] seconds = new double[2][counts.length];
    for (int k = 0; k < counts.length; k++) {
      double[] t = time(ctx.plan.partitionRows(), counts[k], "n=" + ctx.plan.partitionRows() + " P=" + counts[k]);
      p[k] = counts[k];
      seconds[0][k] = t[0];
      seconds[1][k] = t[1];
    }
    String chart = "seconds per pass against partitions (n=" + ctx.plan.partitionRows() + ", d=" + ctx.plan.scalingDim() + ")";
    curves.series(chart, "partitions", "seconds (median)", false, true, Series.of("value pass", p, seconds[0]).withMarkers(true));
    curves.series(chart, "partitions", "seconds (median)", false, true,
        Series.of("derivative pass", p, seconds[1]).withMarkers(true));
  }

  /** {value, derivative} median seconds on a fresh softmax instance. */
  private double[] time(long n, int partitions, String setting) {
    Instances.Cached data = ctx.cache("softmax", n, ctx.plan.scalingDim(), 0.0, 1.0, partitions);
    try {
      PassTimer timer = new PassTimer(ctx.sc, data);
      Timing value = timer.values(ctx.plan.reps());
      Timing derivative = timer.derivatives(ctx.plan.reps(), new ExactCurvature());
      ctx.results.add(SECTION, "value pass", setting, "seconds (median)", value.median());
      ctx.results.add(SECTION, "value pass", setting, "seconds (min)", value.min());
      ctx.results.add(SECTION, "derivative pass", setting, "seconds (median)", derivative.median());
      ctx.results.add(SECTION, "derivative pass", setting, "seconds (min)", derivative.min());
      ctx.say("scaling %s: value %.3f s, derivative %.3f s", setting, value.median(), derivative.median());
      return new double[] {value.median(), derivative.median()};
    } finally {
      data.release();
    }
  }

  /** Least squares t = t₀ + c·n, and the log–log slope (1 means linear in n). */
  private void fit(String pass, double[] n, double[] t) {
    int m = n.length;
    double mn = 0;
    double mt = 0;
    double ml = 0;
    double mlt = 0;
    for (int k = 0; k < m; k++) {
      mn += n[k] / m;
      mt += t[k] / m;
      ml += Math.log(n[k]) / m;
      mlt += Math.log(t[k]) / m;
    }
    double snn = 0;
    double snt = 0;
    double sll = 0;
    double slt = 0;
    for (int k = 0; k < m; k++) {
      snn += (n[k] - mn) * (n[k] - mn);
      snt += (n[k] - mn) * (t[k] - mt);
      sll += (Math.log(n[k]) - ml) * (Math.log(n[k]) - ml);
      slt += (Math.log(n[k]) - ml) * (Math.log(t[k]) - mlt);
    }
    double slope = snt / snn;
    String setting = "d=" + ctx.plan.scalingDim() + " P=" + ctx.cores();
    ctx.results.add(SECTION, pass + " fit", setting, "seconds per 10^6 rows", slope * 1e6);
    ctx.results.add(SECTION, pass + " fit", setting, "fixed seconds (intercept)", mt - slope * mn);
    ctx.results.add(SECTION, pass + " fit", setting, "log-log slope", slt / sll);
    // Fixed per-pass costs flatten the small-n end; the top of the sweep shows the asymptotic growth.
    double top = m < 2 ? Double.NaN : Math.log(t[m - 1] / t[m - 2]) / Math.log(n[m - 1] / n[m - 2]);
    ctx.results.add(SECTION, pass + " fit", setting, "log-log slope (two largest n)", top);
  }
}
