package org.attnreg.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.linalg.RowBlock;
import org.attnreg.solver.Evaluator;
import org.attnreg.solver.LocalEvaluator;
import org.attnreg.stats.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Where a solve's passes run. Every Spark job has a fixed cost (scheduling, task serialisation,
 * result collection: tens of milliseconds on a local master, more on a loaded machine) that on small
 * data dwarfs the arithmetic of a pass, and on a local master is a third or more of a pass even at
 * 10⁶ × 32. When the master is local (the driver is the only executor), every pass therefore runs
 * over the cached blocks in this JVM on a thread per core ({@link LocalEvaluator}). The blocks are
 * taken from the local block manager itself when it holds every partition deserialised in memory
 * (the default storage level): the same objects, no copy, no Spark job, whatever their size. Otherwise
 * (cached serialised or on disk, or partly evicted) small blocks are collected once, partition by
 * partition.
 *
 * <p><b>Same bits.</b> The local passes fold each partition with the same kernels into its own
 * identity and merge the partials in partition order, which is exactly what {@link SparkPassRunner}
 * does at tree depth 1, i.e. up to 16 partitions: there both paths give bit-identical losses,
 * gradients and iterates. Beyond 16 partitions the Spark path uses {@code treeAggregate} at depth
 * &gt; 1, whose intermediate merges follow task completion; the two paths then agree to rounding
 * (relative 1e-13 or so of the summed terms), not to the bit, and the local path stays
 * reproducible while the distributed one need not be.
 *
 * <p><b>Threshold.</b> In {@link Mode#AUTO} a local master runs the passes on the driver when the
 * block manager holds the blocks deserialised in memory, or, failing that, when their cached size is
 * at most {@link #limit}: the smallest of 64 MiB, an eighth of the driver's heap (the collected copy
 * lives next to the cached one) and half of {@code spark.driver.maxResultSize} (the collection is one
 * job's result). 64 MiB because a collection is not free: measured on a local[2] master it moves
 * about 140 MB/s (272 MB of blocks, 1e6 × 32, in 2 s), while a Spark pass there costs some 30–80 ms
 * more than a driver pass; a solve of ten-odd passes gains only while its blocks are below about 64 MB.
 */
public final class DriverPasses {
  private static final Logger LOG = LoggerFactory.getLogger(DriverPasses.class);
  /** The largest block size ever collected in {@link Mode#AUTO}. */
  public static final long MAX_BYTES = 64L << 20;

  /** The user's choice ({@code --local-passes}). */
  public enum Mode {
    /** On the driver when the master is local and the blocks are held in its memory or within {@link #limit}. */
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
    long collecting = System.nanoTime();
    // blocks held in this JVM's memory cost no copy: any mode but NEVER takes them, whatever their size
    List<List<RowBlock>> partitions = mode == Mode.NEVER ? null : borrowed(sc, blocks);
    boolean borrowed = partitions != null;
    if (!borrowed && !onDriver(mode, sc.isLocal(), bytes, limit)) {
      String where = "spark jobs (" + blocks.getNumPartitions() + " partitions, " + size + ", master " + sc.master()
          + ", --local-passes " + mode.name().toLowerCase(Locale.ROOT) + ")";
      LOG.info("{}passes run as {}", jobPrefix, where);
      return new Placed(DistributedEvaluator.over(sc, blocks, problem, jobPrefix), false, where);
    }
    if (!borrowed) {
      sc.setJobDescription(jobPrefix + "collect the blocks for driver passes");
      try {
        partitions = blocks.glom().collect();
      } finally {
        sc.setJobDescription(null);
      }
    }
    double collectSeconds = (System.nanoTime() - collecting) * 1e-9;
    // a local master's cores, else this machine's: the driver does the work
    int threads = Math.max(1, sc.isLocal() ? sc.defaultParallelism() : Runtime.getRuntime().availableProcessors());
    String where = String.format(Locale.ROOT, "driver (%d partitions, %d threads, %s, %s in %.2f s)",
        partitions.size(), Math.min(threads, partitions.size()), size,
        borrowed ? "taken from the local block manager" : "collected", collectSeconds);
    LOG.info("{}passes run on the {}", jobPrefix, where);
    return new Placed(new LocalEvaluator(problem, partitions, threads), true, where);
  }

  /**
   * Whether every partition of {@code blocks} sits deserialised in this JVM's memory store: then the
   * driver passes use the cached objects themselves, with no copy and no Spark job, whatever their size.
   */
  private static boolean heldInMemory(JavaSparkContext sc, JavaRDD<RowBlock> blocks) {
    StorageLevel level = blocks.getStorageLevel();
    if (!sc.isLocal() || !level.useMemory() || !level.deserialized() || SparkEnv.get() == null) {
      return false;
    }
    BlockManager manager = SparkEnv.get().blockManager();
    for (int p = 0; p < blocks.getNumPartitions(); p++) {
      if (!manager.memoryStore().contains(RDDBlockId.apply(blocks.id(), p))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The cached partitions as the local block manager holds them (the very objects the Spark passes
   * read, so the driver passes see the same bits), or null when any partition is not held
   * deserialised in memory (not yet computed, evicted, or cached serialised), in which case the caller collects.
   * Reading a block takes its read lock; draining the block's iterator releases it.
   */
  static List<List<RowBlock>> borrowed(JavaSparkContext sc, JavaRDD<RowBlock> blocks) {
    if (!heldInMemory(sc, blocks)) {
      return null;
    }
    BlockManager manager = SparkEnv.get().blockManager();
    List<List<RowBlock>> partitions = new ArrayList<>(blocks.getNumPartitions());
    for (int p = 0; p < blocks.getNumPartitions(); p++) {
      Option<BlockResult> held = manager.getLocalValues(RDDBlockId.apply(blocks.id(), p));
      if (held.isEmpty()) {
        return null; // evicted since the check: collect instead
      }
      List<RowBlock> partition = new ArrayList<>();
      scala.collection.Iterator<Object> values = held.get().data();
      while (values.hasNext()) {
        partition.add((RowBlock) values.next());
      }
      partitions.add(partition);
    }
    return partitions;
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
