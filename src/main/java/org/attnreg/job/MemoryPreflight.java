package org.attnreg.job;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.attnreg.io.LoadedData;
import org.attnreg.sketch.SketchSize;
import org.attnreg.problem.StartPolicy;
import org.attnreg.spark.SparkPassRunner;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.ExactCurvature;

/**
 * What a solve will allocate, worked out from n, d, nnz and the options before the first pass, and
 * compared with the memory there is, so that a solve too large for its JVMs is refused with a message
 * instead of ending in an {@link OutOfMemoryError} (on the driver) or an executor's exit (in local mode
 * that is the whole JVM). The figures are upper estimates of the large arrays only:
 * <ul>
 *   <li><b>driver</b>: {@value #DRIVER_MATRICES} d×d matrices (the merged Gram, its mirrored copy, the
 *       Hessian and its Cholesky copy; the least-squares start's normal equations are as many), twice
 *       m×d for a linear sketch (the merged sketch and its transposed copy), and the partial sums it
 *       receives at the last level of the merge tree (all partitions at depth 1);
 *   <li><b>per task</b>: the partial sum (the exact Gram d², a linear sketch m×d, the leverage sample's
 *       Gram d², the least-squares start's Gram d²) held {@code 2×} (accumulator and its serialised
 *       result), {@code 3×} on a merging level of the tree, plus {@value #SCRATCH_ROWS}·d doubles of
 *       Gram scratch (native dsyrk chunks, the sampled-row buffers);
 *   <li><b>per result</b>: the partials shipped to the driver against {@code spark.driver.maxResultSize}.
 * </ul>
 * In local mode the tasks run in the driver's JVM, so the driver's and every task slot's needs are
 * added up against one heap. Cached blocks are not counted: Spark evicts and recomputes them.
 */
public final class MemoryPreflight {
  /** The largest d whose d×d matrix fits one Java array (d² ≤ 2³¹ − 9). */
  public static final int MAX_SQUARE_SIDE = 46_340;
  /** Spark keeps this much of every heap for itself (its reserved system memory). */
  static final long RESERVED_BYTES = 300L << 20;
  static final int DRIVER_MATRICES = 4;
  static final int SCRATCH_ROWS = 2048;
  private static final long DOUBLE = Double.BYTES;

  private MemoryPreflight() {}

  /**
   * The instance and how its passes run.
   *
   * @param partitions partitions of the cached blocks (one task each per pass)
   * @param depth the merge tree's depth ({@link SparkPassRunner#depthFor})
   * @param hessian {@code exact}, {@code leverage} or a linear sketch's name, for messages
   * @param sketchRows m of a linear sketch (0 for the exact Gram and the leverage sample, whose partial is d×d)
   * @param leastSquaresStart whether the family's start pass (a d×d partial per task) may run
   */
  public record Shape(long n, int d, long nnz, int partitions, int depth, String hessian, long sketchRows,
      boolean leastSquaresStart) {}

  /**
   * The memory there is.
   *
   * @param driverHeap the driver's maximum heap (bytes)
   * @param executorHeap an executor's heap (bytes); the driver's in local mode
   * @param taskSlots tasks one executor runs at once
   * @param maxResultSize {@code spark.driver.maxResultSize} in bytes, 0 for no limit
   * @param local whether the tasks run in the driver's JVM
   */
  public record Limits(long driverHeap, long executorHeap, int taskSlots, long maxResultSize, boolean local) {

    /** The limits of a running Spark application. */
    public static Limits of(SparkContext sc) {
      SparkConf conf = sc.getConf();
      long driver = Runtime.getRuntime().maxMemory();
      long maxResult = conf.getSizeAsBytes("spark.driver.maxResultSize", "1g");
      int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
      if (sc.isLocal()) {
        return new Limits(driver, driver, Math.max(1, localCores(sc.master()) / taskCpus), maxResult, true);
      }
      return new Limits(driver, conf.getSizeAsBytes("spark.executor.memory", "1g"),
          Math.max(1, conf.getInt("spark.executor.cores", 1) / taskCpus), maxResult, false);
    }

    /** Task threads of {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}. */
    static int localCores(String master) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]").matcher(master);
      if (!m.matches()) {
        return 1;
      }
      return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }
  }

  /** What a solve of this shape allocates, in bytes. */
  record Footprint(long driver, long perTask, long partial, int partialsAtDriver) {
    long results() {
      return partial * partialsAtDriver;
    }
  }

  /**
   * Refuses a solve of {@code data} with these options that does not fit the memory of {@code sc}'s
   * application; called once the data is loaded and before the first pass.
   *
   * @throws IllegalArgumentException naming the figure, the limit and what to change
   */
  public static void check(SparkContext sc, LoadedData data, SolveOptions options, Curvature curvature) {
    boolean exact = curvature instanceof ExactCurvature;
    boolean leverage = curvature.id().startsWith("leverage");
    SketchSize size = new SketchSize(options.sketchSize(), options.epsilon());
    long m = exact || leverage ? 0
        : curvature.id().startsWith("gauss-newton") ? size.newtonRowsFor(data.d()) : size.rowsFor(data.d());
    Shape shape = new Shape(data.n(), data.d(), data.nnz(), data.partitions(),
        SparkPassRunner.depthFor(data.partitions()), exact ? "exact" : curvature.id(), m,
        options.lossFamily() instanceof StartPolicy policy && policy.inverseLinkFit() != null);
    check(shape, Limits.of(sc));
  }

  /** As {@link #check(SparkContext, LoadedData, SolveOptions, Curvature)}, for given sizes and limits. */
  public static void check(Shape s, Limits limits) {
    long square = (long) s.d() * s.d();
    if (square > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "d = %d: the d×d Hessian would have %.3g"
          + " entries, more than one Java array holds (d ≤ %d); use fewer features", s.d(), (double) square,
          MAX_SQUARE_SIDE));
    }
    Footprint f = footprint(s);
    String what = s.hessian().equals("exact") ? "the exact Hessian" : "the " + s.hessian() + " Hessian";
    String where = String.format(Locale.ROOT, "d = %d with %s", s.d(), what);
    long taskSlotsNeed = f.perTask() * limits.taskSlots();
    if (limits.local()) {
      long heap = limits.driverHeap() - RESERVED_BYTES;
      if (f.driver() + taskSlotsNeed > heap) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %s in this JVM (%s on the"
            + " driver, %d concurrent tasks of %s) but the heap allows %s: give a larger heap"
            + " (ATTNREG_DRIVER_MEMORY)%s, or fewer features (--max-d caps d)", where,
            bytes(f.driver() + taskSlotsNeed), bytes(f.driver()), limits.taskSlots(), bytes(f.perTask()),
            bytes(heap), sketchAdvice(s)));
      }
    } else {
      checkCluster(s, f, limits, where);
    }
    checkResults(s, f, limits, where);
  }

  /** The driver and the executors are JVMs of their own. */
  private static void checkCluster(Shape s, Footprint f, Limits limits, String where) {
    long square = (long) s.d() * s.d();
    long taskSlotsNeed = f.perTask() * limits.taskSlots();
    long driverHeap = limits.driverHeap() - RESERVED_BYTES;
    if (f.driver() > driverHeap) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %s on the driver (%d d×d"
          + " matrices of %s and %d partials at tree depth %d) but the driver heap allows %s: give the driver a"
          + " larger heap (ATTNREG_DRIVER_MEMORY, or spark-submit --driver-memory), or fewer features (--max-d caps"
          + " d)", where, bytes(f.driver()), DRIVER_MATRICES, bytes(square * DOUBLE), f.partialsAtDriver(), s.depth(),
          bytes(driverHeap)));
    }
    long executorHeap = limits.executorHeap() - RESERVED_BYTES;
    if (taskSlotsNeed > executorHeap) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %s per task, %s for the %d"
          + " tasks an executor runs at once, but an executor's heap allows %s: give executors more memory"
          + " (spark.executor.memory) or fewer cores (spark.executor.cores)%s", where, bytes(f.perTask()),
          bytes(taskSlotsNeed), limits.taskSlots(), bytes(executorHeap), sketchAdvice(s)));
    }
  }

  /** Spark aborts a job whose task results exceed {@code spark.driver.maxResultSize}; refuse it before. */
  private static void checkResults(Shape s, Footprint f, Limits limits, String where) {
    if (limits.maxResultSize() > 0 && f.results() > limits.maxResultSize()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s ships %s of partial sums to the driver"
          + " per pass (%d partials of %s at tree depth %d) but spark.driver.maxResultSize is %s: raise"
          + " spark.driver.maxResultSize, or use more than 16 partitions (--partitions) so that partials are"
          + " merged on the executors first", where, bytes(f.results()), f.partialsAtDriver(), bytes(f.partial()),
          s.depth(), bytes(limits.maxResultSize())));
    }
  }

  /** A sketch helps per task only where no d×d partial remains: the exact or leverage Hessian, no start pass. */
  private static String sketchAdvice(Shape s) {
    return s.sketchRows() == 0 && !s.leastSquaresStart()
        ? ", --hessian sketch --sketch sparse-sign (an m×d sketch per task instead of a d×d Gram)" : "";
  }

  static Footprint footprint(Shape s) {
    long d = s.d();
    long square = d * d;
    long taskPartial = Math.max(s.sketchRows() > 0 ? s.sketchRows() * d : square, s.leastSquaresStart() ? square : 0);
    long partial = taskPartial * DOUBLE;
    int atDriver = s.depth() <= 1 ? s.partitions() : finalPartials(s.partitions(), s.depth());
    long driver = (DRIVER_MATRICES * square + 2 * s.sketchRows() * d) * DOUBLE + (long) atDriver * partial;
    long perTask = (s.depth() <= 1 ? 2 : 3) * partial + SCRATCH_ROWS * d * DOUBLE;
    return new Footprint(driver, perTask, partial, atDriver);
  }

  /** The partials {@code treeAggregate} leaves for the driver: it shrinks by its scale while that saves work. */
  static int finalPartials(int partitions, int depth) {
    int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
    int p = partitions;
    while (p > scale + (int) Math.ceil((double) p / scale)) {
      p /= scale;
    }
    return p;
  }

  static String bytes(long b) {
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.0f MiB", Math.ceil(b / (double) (1L << 20)));
  }
}
