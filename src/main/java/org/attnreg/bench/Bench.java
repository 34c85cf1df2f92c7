package org.attnreg.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.linalg.Blas;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.ChartSpec;
import org.attnreg.output.Charts;
import org.attnreg.output.Series;

/**
 * One bench run: every selected section in a fixed order in this JVM (so that every comparison is
 * side by side on the same cached data), then {@code bench.md}, {@code bench.csv} and the charts.
 */
public final class Bench {
  /** Section names accepted by {@code --sections}, in run order (bandwidth always runs first). */
  public static final List<String> SECTIONS = List.of("kernels", GramChoiceBench.SECTION, PassBench.SECTION,
      GlrBench.SECTION, LbfgsBench.SECTION, SketchBench.SECTION, ScalingBench.SECTION, E2eBench.SECTION);

  private final BenchContext ctx;
  private final Set<String> sections;
  private final Curves curves = new Curves();

  public Bench(SparkSession spark, BenchPlan plan, StorageLevel storage, Set<String> sections, PrintWriter progress) {
    for (String s : sections) {
      if (!SECTIONS.contains(s)) {
        throw new IllegalArgumentException("--sections: unknown section '" + s + "'; known: " + SECTIONS);
      }
    }
    this.ctx = new BenchContext(spark, plan, new Results(), storage, progress);
    this.sections = sections;
  }

  /** Runs the sections and writes the report files into {@code out}; returns the Markdown. */
  public String run(String out, String commandLine) {
    double loadBefore = load();
    ctx.say("%s; load average %.2f", Blas.describe(), loadBefore);
    new PassBench(ctx).bandwidth();
    runSections();
    if (sections.contains(E2eBench.SECTION)) {
      endToEnd(out);
    }
    List<String> header = header(commandLine, loadBefore, load());
    List<String> charts = writeCharts(out);
    String md = Report.markdown(header, Targets.check(ctx.results), ctx.results, charts);
    AtomicFiles files = AtomicFiles.in(out, ctx.sc.hadoopConfiguration());
    files.writeText("bench.csv", ctx.results.csv());
    files.writeText("bench.md", md);
    return md;
  }

  private void runSections() {
    JobCounter jobs = JobCounter.on(ctx.sc.sc());
    try {
      if (sections.contains("kernels")) {
        new KernelBench(ctx.results, ctx.plan.reps(), ctx.plan.quick() ? 0.05 : 1.0).run(ctx.plan.kernelDims());
        ctx.say("kernels done");
      }
      if (sections.contains(GramChoiceBench.SECTION)) {
        new GramChoiceBench(ctx).run();
      }
      if (sections.contains(PassBench.SECTION)) {
        new PassBench(ctx).run();
      }
      if (sections.contains(GlrBench.SECTION)) {
        new GlrBench(ctx, jobs).run();
      }
      if (sections.contains(LbfgsBench.SECTION)) {
        new LbfgsBench(ctx, jobs, curves).run();
      }
      if (sections.contains(SketchBench.SECTION)) {
        new SketchBench(ctx).run();
      }
      if (sections.contains(ScalingBench.SECTION)) {
        new ScalingBench(ctx, curves).run();
      }
    } finally {
      jobs.remove();
    }
  }

  /** Cold commands in child processes, last, so that nothing else competes with them for the cores. */
  private void endToEnd(String out) {
    E2eRunner runner;
    try {
      runner = E2eRunner.open(ctx, out);
    } catch (IllegalStateException e) {
      E2eBench.skip(ctx, "e2e", "", e.getMessage());
      return;
    }
    new E2eBench(ctx, runner).run();
    ctx.say("e2e done");
  }

  private List<String> header(String commandLine, double loadBefore, double loadAfter) {
    List<String> h = new ArrayList<>();
    h.add("date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    h.add("command: `" + commandLine + "`");
    h.add(String.format(Locale.ROOT, "plan: %s, %d timed repetitions per per-pass figure (after one warm-up)",
        ctx.plan.quick() ? "--quick smoke run (figures meaningless)" : "standard", ctx.plan.reps()));
    h.add(String.format(Locale.ROOT, "machine: %d cores for Spark (%s), max heap %.1f GiB, Java %s, %s",
        ctx.cores(), ctx.sc.master(), Runtime.getRuntime().maxMemory() / (double) (1L << 30),
        System.getProperty("java.version"), System.getProperty("os.arch")));
    h.add(String.format(Locale.ROOT, "load average (1 min) at start %.2f, at end %.2f", loadBefore, loadAfter));
    h.add("linear algebra: " + Blas.describe());
    h.add("storage level of cached blocks: " + ctx.storage.description());
    return h;
  }

  private List<String> writeCharts(String out) {
    List<ChartSpec> specs = new ArrayList<>(curves.all());
    ChartSpec kernels = kernelChart();
    if (kernels != null) {
      specs.add(0, kernels);
    }
    List<String> names = new ArrayList<>();
    for (ChartSpec spec : specs) {
      String name = slug(spec.title()) + ".png";
      Charts.writePng(spec, new Path(out, name), ctx.sc.hadoopConfiguration());
      names.add(name);
    }
    return names;
  }

  /** GFLOP/s against d, one series per Gram kernel. */
  private ChartSpec kernelChart() {
    List<Results.Figure> figures = ctx.results.section("kernels").stream()
        .filter(f -> f.metric().equals("GFLOP/s (median)")).toList();
    if (figures.isEmpty()) {
      return null;
    }
    ChartSpec spec = ChartSpec.of("Gram kernels, one thread", "d", "GFLOP/s (median)").withLogX(true);
    for (String kernel : figures.stream().map(Results.Figure::subject).distinct().toList()) {
      List<Results.Figure> mine = figures.stream().filter(f -> f.subject().equals(kernel)).toList();
      double[] x = mine.stream().mapToDouble(f -> Double.parseDouble(f.setting().substring(2))).toArray();
      double[] y = mine.stream().mapToDouble(Results.Figure::value).toArray();
      spec = spec.with(Series.of(kernel, x, y).withMarkers(true));
    }
    return spec;
  }

  static String slug(String title) {
    String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return s.length() > 80 ? s.substring(0, 80) : s;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
