package org.attnreg.linalg;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Gram kernel of one solve and how it was chosen: by the {@link GramProbe} on the driver, forced
 * by {@code --gram-kernel}, taken from the checkpoint a resume continues, or the built-in kernel
 * after an executor could not load the chosen one.
 *
 * @param kernel the kernel every pass of the solve uses
 * @param chosenBy {@code probe}, {@code forced}, {@code checkpoint} or {@code fallback}
 * @param probe what the probe measured, or null when there was no probe
 * @param note why a fallback happened, or null
 */
public record GramKernelChoice(GramKernelKind kernel, String chosenBy, GramProbe.Figures probe, String note) {
  /**
   * How much faster than the built-in kernel another must measure to be chosen. The probe is short
   * and the machine may be busy; within this margin the built-in kernel wins, as it needs nothing
   * from the executors' systems.
   */
  public static final double MARGIN = 0.05;

  /**
   * The kernel a probe's figures select: the fastest, but never one slower than the built-in kernel,
   * and another only when it beats the built-in one by more than {@link #MARGIN}. A pure function of
   *
   * the figures; a kernel without a figure (not loadable) is never chosen, and when the built-in
   * kernel's own figure is not trustworthy (still warming up, or missing) the built-in kernel is kept.
   *
   * @param gflops kernel → measured GFLOP/s
   * @param unsettled kernels whose figure was still changing when the probe stopped
   * @param builtIn the JVM's built-in kernel ({@link GramKernelLoader#builtIn()})
   */
  public static GramKernelKind fastest(Map<GramKernelKind, Double> gflops, Set<GramKernelKind> unsettled,
      GramKernelKind builtIn) {
    Double base = gflops.get(builtIn);
    if (base == null || !(base > 0.0) || unsettled.contains(builtIn)) {
      return builtIn;
    }
    GramKernelKind best = builtIn;
    double bestSpeed = base;
    for (Map.Entry<GramKernelKind, Double> e : gflops.entrySet()) {
      double speed = e.getValue();
      if (speed > (1.0 + MARGIN) * base && speed > bestSpeed) {
        best = e.getKey();
        bestSpeed = speed;
      }
    }
    return best;
  }

  /** The probe's choice at dimension d among the kernels {@code loader} can load. */
  public static GramKernelChoice probe(int d, GramKernelLoader loader) {
    GramProbe.Figures figures = GramProbe.measure(d, loader);
    return new GramKernelChoice(fastest(figures.gflops(), figures.unsettled(), loader.builtIn()), "probe", figures, null);
  }

  /**
   * The choice for a fresh solve at dimension d: the forced kernel, or the probe's when {@code mode}
   * is {@link GramKernelMode#AUTO}.
   */
  public static GramKernelChoice forSolve(GramKernelMode mode, int d, GramKernelLoader loader) {
    return mode.forced() == null ? probe(d, loader) : new GramKernelChoice(mode.forced(), "forced", null, null);
  }

  /** The kernel a resumed solve keeps, whatever the probe would say now: the result stays bit-identical. */
  public static GramKernelChoice ofCheckpoint(GramKernelKind kernel) {
    return new GramKernelChoice(kernel, "checkpoint", null, null);
  }

  /** This choice replaced by the built-in kernel {@code to} because of {@code failure}. */
  public GramKernelChoice fallback(GramKernelKind to, String failure) {
    return new GramKernelChoice(to, "fallback", probe, "'" + kernel.option() + "' failed: " + failure);
  }

  /** The {@code gram_kernel} entry of summary.json. */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kernel", kernel.option());
    m.put("chosen_by", chosenBy);
    if (note != null) {
      m.put("note", note);
    }
    if (probe != null) {
      Map<String, Object> gflops = new LinkedHashMap<>();
      probe.gflops().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> gflops.put(e.getKey().option(), e.getValue()));
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("d", probe.d());
      p.put("rows", probe.rows());
      p.put("seconds", probe.seconds());
      p.put("gflops", gflops);
      p.put("unsettled", probe.unsettled().stream().sorted().map(GramKernelKind::option).toList());
      m.put("probe", p);
    }
    return m;
  }

  /** One line for the log. */
  public String describe() {
    StringBuilder sb = new StringBuilder("Gram kernel ").append(kernel.option()).append(" (").append(chosenBy);
    if (probe != null) {
      sb.append(String.format(Locale.ROOT, "; probe at d = %d, %d rows, %.0f ms:", probe.d(), probe.rows(),
          probe.seconds() * 1e3));
      probe.gflops().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
          sb.append(String.format(Locale.ROOT, " %s %.2f GFLOP/s%s", e.getKey().option(), e.getValue(),
              probe.unsettled().contains(e.getKey()) ? " (unsettled)" : "")));
    }
    if (note != null) {
      sb.append("; ").append(note);
    }
    return sb.append(')').toString();
  }
}
