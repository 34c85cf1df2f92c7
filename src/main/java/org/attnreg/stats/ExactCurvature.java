package org.attnreg.stats;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.attnreg.linalg.GramKernel;
import org.attnreg.linalg.GramKernelKind;
import org.attnreg.linalg.GramKernelLoader;
import org.attnreg.linalg.GramScratch;
import org.attnreg.linalg.Grams;
import org.attnreg.linalg.RowBlock;

/**
 * The exact weighted Gram {@code Aᵀ diag(h) A}: the reference every sketch is measured against.
 *
 * <p>It carries the solve's Gram kernel ({@link GramKernelKind}, chosen once on the driver) to every
 * task, which loads it through the carried {@link GramKernelLoader}: every executor, retry and resume
 * adds with the same arithmetic, so results are bit-reproducible. A task that cannot load the kernel
 * fails with a {@link org.attnreg.linalg.GramKernelUnavailableException}. The kernel is this
 * curvature's checkpoint state (counter {@value #KERNEL_COUNTER}); a checkpoint without it (written
 * before kernels were chosen) resumes with the kernel this curvature was built with.
 */
public final class ExactCurvature implements Curvature {
  private static final long serialVersionUID = 2L;
  /** The checkpoint counter that holds {@link GramKernelKind#code()}. */
  static final String KERNEL_COUNTER = "gram_kernel";

  private final GramKernelKind kernel;
  private final GramKernelLoader loader;

  /** The exact Gram with the kernel {@code kernel}, loaded on every task by {@code loader}. */
  public ExactCurvature(GramKernelKind kernel, GramKernelLoader loader) {
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** The exact Gram with the kernel {@code kernel} of each JVM's own libraries. */
  public ExactCurvature(GramKernelKind kernel) {
    this(kernel, GramKernelLoader.SYSTEM);
  }

  /** The exact Gram with the built-in JVM kernel (the Vector API one when present). */
  public ExactCurvature() {
    this(GramKernelLoader.SYSTEM.builtIn());
  }

  /** The Gram kernel every pass with this curvature uses. */
  public GramKernelKind kernel() {
    return kernel;
  }

  /** The same curvature with another kernel (and the same loader). */
  public ExactCurvature withKernel(GramKernelKind other) {
    return other == kernel ? this : new ExactCurvature(other, loader);
  }

  @Override
  public Accumulator newAccumulator(int d, long iteration) {
    return new ExactGram(d, kernel, loader);
  }

  @Override
  public String id() {
    return "exact";
  }

  @Override
  public boolean approximate() {
    return false;
  }

  @Override
  public CurvatureState state() {
    return new CurvatureState(Map.of(KERNEL_COUNTER, kernel.code()), Map.of());
  }

  @Override
  public CurvatureState.Layout stateLayout(int d) {
    return new CurvatureState.Layout(Set.of(KERNEL_COUNTER), Map.of());
  }

  @Override
  public Curvature restore(CurvatureState state) {
    Long code = state.counters().get(KERNEL_COUNTER);
    if (!state.matrices().isEmpty() || state.counters().size() > (code == null ? 0 : 1)) {
      throw new IllegalArgumentException("the exact curvature keeps only " + KERNEL_COUNTER + ", the checkpoint holds "
          + state.counters().keySet() + " " + state.matrices().keySet());
    }
    return code == null ? this : withKernel(GramKernelKind.ofCode(code));
  }

  @Override
  public String toString() {
    return "exact (Gram kernel " + kernel.option() + ")";
  }

  /**
   * The d×d sum, allocated only when the first row arrives: the empty accumulator is the zero value
   * shipped with every task, and a zeroed d×d array would make each task's closure d²·8 bytes.
   */
  static final class ExactGram implements Accumulator {
    private static final long serialVersionUID = 2L;
    private final int d;
    private final GramKernelKind kernel;
    private final GramKernelLoader loader;
    private double[] gram;
    private long rows;
    private transient GramScratch scratch;

    ExactGram(int d, GramKernelKind kernel, GramKernelLoader loader) {
      this.d = d;
      this.kernel = kernel;
      this.loader = loader;
    }

    @Override
    public void add(RowBlock block, double[] h) {
      if (scratch == null) {
        GramKernel loaded = loader.load(kernel); // throws here, on the task, when this JVM cannot run it
        scratch = new GramScratch(loaded);
      }
      if (gram == null) {
        gram = new double[d * d];
      }
      block.addGram(h, gram, d, scratch);
      rows += block.rows();
    }

    @Override
    public Accumulator merge(Accumulator other) {
      ExactGram o = (ExactGram) other;
      if (o.gram != null) {
        if (gram == null) {
          gram = o.gram.clone();
        } else {
          for (int j = 0; j < gram.length; j++) {
            gram[j] += o.gram[j];
          }
        }
      }
      rows += o.rows;
      return this;
    }

    @Override
    public double[] gram() {
      return gram == null ? new double[d * d] : Grams.mirrorLower(gram.clone(), d);
    }

    @Override
    public long rowsKept() {
      return rows;
    }
  }
}
