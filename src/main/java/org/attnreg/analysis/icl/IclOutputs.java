package org.attnreg.analysis.icl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.ChartSpec;
import org.attnreg.output.Charts;
import org.attnreg.output.Series;

/**
 * Writes a run's results into one directory, each file atomically: {@code icl.json} (the whole
 * {@link IclReport}), {@code icl.csv} (one row per (setting, step) of each training curve and per d of
 * the sweep, with mean and std of every measure) and PNG charts of the curves.
 */
public final class IclOutputs {
  /** The CSV header; rows follow {@link #csv}. */
  public static final String CSV_HEADER = "kind,n,d,step,preds_diff_mean,preds_diff_std,model_diff_mean,"
      + "model_diff_std,model_cos_mean,model_cos_std,loss_attention_mean,loss_attention_std,loss_gd_mean,loss_gd_std";

  private IclOutputs() {}

  /** Writes everything and returns the files written. */
  public static List<Path> write(Path dir, IclReport report, Configuration conf) throws IOException {
    List<Path> written = new ArrayList<>();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    written.add(put(dir, "icl.json", json.writeValueAsBytes(report), conf));
    IclExperiment.Result e = report.experiment();
    if (e != null) {
      written.add(put(dir, "icl.csv", csv(e).getBytes(StandardCharsets.UTF_8), conf));
      for (IclExperiment.Summary s : e.curves()) {
        written.addAll(curveCharts(dir, e.steps(), s, conf));
      }
      if (!e.sweep().isEmpty()) {
        written.addAll(sweepCharts(dir, e.sweep(), conf));
      }
    }
    return written;
  }

  /** The CSV text: {@code steps} rows for every curve checkpoint, {@code d_sweep} rows for the sweep. */
  public static String csv(IclExperiment.Result e) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
    for (IclExperiment.Summary s : e.curves()) {
      for (int c = 0; c < e.steps().length; c++) {
        row(out, "steps", s, e.steps()[c], s.mean().get(c), s.std().get(c));
      }
    }
    int last = e.steps()[e.steps().length - 1];
    for (IclExperiment.Summary s : e.sweep()) {
      row(out, "d_sweep", s, last, s.finalMean(), s.finalStd());
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String kind, IclExperiment.Summary s, int step, Measures m, Measures sd) {
    out.append(kind).append(',').append(s.n()).append(',').append(s.d()).append(',').append(step);
    double[] mv = m.toArray();
    double[] sv = sd.toArray();
    for (int k = 0; k < mv.length; k++) {
      out.append(',').append(String.format(Locale.ROOT, "%.9g", mv[k]))
          .append(',').append(String.format(Locale.ROOT, "%.9g", sv[k]));
    }
    out.append('\n');
  }

  private static List<Path> curveCharts(Path dir, int[] steps, IclExperiment.Summary s, Configuration conf)
      throws IOException {
    double[] x = new double[steps.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = steps[k];
    }
    String tag = "n=" + s.n() + ", d=" + s.d();
    String file = "icl-n" + s.n() + "-d" + s.d();
    List<Path> out = new ArrayList<>();
    out.add(chart(dir, file + "-loss.png", ChartSpec.of("Query loss over training (" + tag + ")", "training step",
        "mean ½(ŷ − y_q)²").withLogY(true)
        .with(series("trained attention", x, s.mean(), s.std(), Measures::lossAttention))
        .with(series("one-step GD", x, s.mean(), s.std(), Measures::lossGd)), conf));
    out.add(chart(dir, file + "-diff.png", ChartSpec.of("Attention vs one-step GD (" + tag + ")", "training step",
        "difference").withLogY(true)
        .with(series("Preds Diff", x, s.mean(), s.std(), Measures::predsDiff))
        .with(series("Model Diff", x, s.mean(), s.std(), Measures::modelDiff)), conf));
    out.add(chart(dir, file + "-cos.png", ChartSpec.of("Model Cos (" + tag + ")", "training step",
        "cosine of ∂ŷ/∂a_q").with(series("Model Cos", x, s.mean(), s.std(), Measures::modelCos)), conf));
    return out;
  }

  private static List<Path> sweepCharts(Path dir, List<IclExperiment.Summary> sweep, Configuration conf)
      throws IOException {
    double[] x = sweep.stream().mapToDouble(IclExperiment.Summary::d).toArray();
    List<Measures> mean = sweep.stream().map(IclExperiment.Summary::finalMean).toList();
    List<Measures> std = sweep.stream().map(IclExperiment.Summary::finalStd).toList();
    String file = "icl-dsweep-n" + sweep.get(0).n();
    String tag = "n=" + sweep.get(0).n() + ", after training";
    List<Path> out = new ArrayList<>();
    out.add(chart(dir, file + "-loss.png", ChartSpec.of("Query loss vs embedding size (" + tag + ")", "d",
        "mean ½(ŷ − y_q)²").withLogY(true)
        .with(series("trained attention", x, mean, std, Measures::lossAttention).withMarkers(true))
        .with(series("one-step GD", x, mean, std, Measures::lossGd).withMarkers(true)), conf));
    out.add(chart(dir, file + "-closeness.png", ChartSpec.of("Closeness vs embedding size (" + tag + ")", "d",
        "value")
        .with(series("Preds Diff", x, mean, std, Measures::predsDiff).withMarkers(true))
        .with(series("Model Diff", x, mean, std, Measures::modelDiff).withMarkers(true))
        .with(series("Model Cos", x, mean, std, Measures::modelCos).withMarkers(true)), conf));
    return out;
  }

  private static Series series(String name, double[] x, List<Measures> mean, List<Measures> std,
      ToDoubleFunction<Measures> measure) {
    double[] y = mean.stream().mapToDouble(measure).toArray();
    double[] band = std.stream().mapToDouble(measure).toArray();
    return Series.of(name, x, y).withBand(band);
  }

  private static Path chart(Path dir, String name, ChartSpec spec, Configuration conf) throws IOException {
    Path target = new Path(dir, name);
    Charts.writePng(spec, target, conf);
    return target;
  }

  private static Path put(Path dir, String name, byte[] bytes, Configuration conf) throws IOException {
    Path target = new Path(dir, name);
    AtomicFiles.writeFile(target, bytes, conf);
    return target;
  }
}
