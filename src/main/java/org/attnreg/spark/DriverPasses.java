package org.attnreg.spark;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.attnreg.linalg.RowBlock;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a solve's passes run. Every Spark job has a fixed cost (scheduling, task serialisation,
 * result collection: tens of milliseconds on a local master, more on a loaded machine) that on small
 * data dwarfs the arithmetic of a pass. When the master is local (the driver is the only executor)
 * and the cached blocks are small, they are therefore collected once, partition by partition, and
 * every pass runs over them in this JVM on a thread per core ({@link LocalEvaluator}).
 *
 * <p><b>Same bits.</b> The local passes fold each partition with the same kernels into its own
 * identity and merge the partials in partition order, which is exactly what {@link SparkPassRunner}
 * does at tree depth 1, i.e. up to 16 partitions: there both paths give bit-identical losses,
 * gradients and iterates. Beyond 16 partitions the Spark path uses {@code treeAggregate} at depth
 * &gt; 1, whose intermediate merges follow task completion; the two paths then agree to rounding
 * (relative 1e-13 or so of the summed terms), not to the bit, and the local path stays
 * reproducible while the distributed one need not be.
 *
 * <p><b>Threshold.</b> In {@link Mode#AUTO} the blocks go to the driver when the master is
 * {@code local}/{@code local[N]} and their cached size is at most {@link #limit}: the smallest of
 * 64 MiB, an eighth of the driver's heap (the collected copy lives next to the cached one) and half
 * of {@code spark.driver.maxResultSize} (the collection is one job's result). 64 MiB because the
 * collection is not free: measured on a local[2] master it moves about 140 MB/s (272 MB of blocks,
 * 1e6 × 32, in 2 s), while a Spark pass there costs some 30–80 ms more than a driver pass; a solve of
 * ten-odd passes gains only while its blocks are below about 64 MB.
 */
public final class DriverPasses {
  private static final Logger LOG = LoggerFactory.getLogger(DriverPasses.class);
  /** The largest block size ever collected in {@link Mode#AUTO}. */
  public static final long MAX_BYTES = 64L << 20;

  /** The user's choice ({@code --local-passes}). */
  public enum Mode {
    /** On the driver when the master is local and the blocks are within {@link #limit}. */
    AUTO,
    /** Always on the driver (the user vouches that the blocks fit in its heap). */
    ALWAYS,
    /** Always as Spark jobs. */
    NEVER
  }

  /** An evaluator and a line saying where its passes run (for the log and {@code summary.json}). */
  public record Placed(Evaluator evaluator, boolean onDriver, String where) {}

  private DriverPasses() {}

  /**
   * The evaluator of one solve over {@code blocks}.
   *
   * @param estimatedBytes the blocks' size in memory when Spark does not know it (not cached)
   */
  public static Placed place(JavaSparkContext sc, JavaRDD<RowBlock> blocks, Problem problem, String jobPrefix,
      Mode mode, long estimatedBytes) {
    long bytes = cachedBytes(sc, blocks, estimatedBytes);
    long limit = limit(Runtime.getRuntime().maxMemory(), sc.getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g"));
    String size = String.format(Locale.ROOT, "%.1f MB of blocks, driver limit %.1f MB", bytes / 1e6, limit / 1e6);
    if (!onDriver(mode, sc.isLocal(), bytes, limit)) {
      String where = "spark jobs (" + blocks.getNumPartitions() + " partitions, " + size + ", master " + sc.master()
          + ", --local-passes " + mode.name().toLowerCase(Locale.ROOT) + ")";
      LOG.info("{}passes run as {}", jobPrefix, where);
      return new Placed(DistributedEvaluator.over(sc, blocks, problem, jobPrefix), false, where);
    }
    sc.setJobDescription(jobPrefix + "collect the blocks for driver passes");
    long collecting = System.nanoTime();
    List<List<RowBlock>> partitions;
    try {
      partitions = blocks.glom().collect();
    } finally {
      sc.setJobDescription(null);
    }
    double collectSeconds = (System.nanoTime() - collecting) * 1e-9;
    // a local master's cores, else this machine's: the driver does the work
    int threads = Math.max(1, sc.isLocal() ? sc.defaultParallelism() : Runtime.getRuntime().availableProcessors());
    String where = String.format(Locale.ROOT, "driver (%d partitions, %d threads, %s, collected in %.2f s)",
        partitions.size(), Math.min(threads, partitions.size()), size, collectSeconds);
    LOG.info("{}passes run on the {}", jobPrefix, where);
    return new Placed(new LocalEvaluator(problem, partitions, threads), true, where);
  }

  /** Whether the passes run on the driver. */
  static boolean onDriver(Mode mode, boolean localMaster, long bytes, long limit) {
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> localMaster && bytes <= limit;
    };
  }

  /**
   * The largest block size collected in {@link Mode#AUTO}: min(64 MiB, heap / 8, maxResultSize / 2).
   *
   * @param maxResultSize {@code spark.driver.maxResultSize} in bytes, 0 for no limit
   */
  static long limit(long driverHeap, long maxResultSize) {
    long limit = Math.min(MAX_BYTES, driverHeap / 8);
    return maxResultSize > 0 ? Math.min(limit, maxResultSize / 2) : limit;
  }

  /** What the block manager holds of the RDD, or the estimate when it holds nothing of it. */
  private static long cachedBytes(JavaSparkContext sc, JavaRDD<RowBlock> blocks, long estimate) {
    for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
      if (info.id() == blocks.id() && info.memSize() + info.diskSize() > 0) {
        return Math.max(info.memSize() + info.diskSize(), estimate);
      }
    }
    return estimate;
  }
}
