package org.attnreg.spark;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.PassRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a pass meets Spark: it hands the pass's parameter to the tasks (inside the
 * task closure when small, else as a broadcast destroyed when the pass ends, whatever the outcome),
 * names the job and runs the aggregation over the cached RDD, one job of one stage. At DEBUG level every pass logs its wall time, so an operator can tell slow passes (data,
 * network) from slow driver work.
 *
 * <p><b>Ordered merge.</b> At tree depth 1 every partial goes to the driver anyway, so there the
 * partials are collected and merged in partition order: the sums, and with them a whole solve, are
 * then bit-for-bit reproducible whatever order tasks finish in (also after a lost executor's
 * partitions are recomputed), and equal to a {@link org.attnreg.stats.LocalPassRunner} over the same
 * partitions. Deeper trees use {@code treeAggregate}, whose intermediate merges follow task
 * completion.
 *
 * @param <T> the element type of the RDD
 */
public final class SparkPassRunner<T> implements PassRunner<T> {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPassRunner.class);
  /**
   * Parameters up to this size travel inside the task closure: Spark broadcasts every stage's task
   * binary anyway, so a broadcast of its own would only add a block-manager round and a destroy per
   * pass. Larger ones get their own broadcast, deserialised once per executor instead of per task.
   */
  static final long INLINE_PARAMETER_BYTES = 64 << 10;
  private final JavaSparkContext sc;
  private final JavaRDD<T> data;
  private final int depth;
  private final String jobPrefix;

  /**
   * @param data the (normally cached) elements
   * @param depth the aggregation tree depth (see {@link #depthFor})
   * @param jobPrefix prefix of every Spark job description, so the UI shows which run a pass belongs to
   */
  public SparkPassRunner(JavaSparkContext sc, JavaRDD<T> data, int depth, String jobPrefix) {
    if (depth < 1) {
      throw new IllegalArgumentException("tree depth must be at least 1: " + depth);
    }
    this.sc = sc;
    this.data = data;
    this.depth = depth;
    this.jobPrefix = jobPrefix;
  }

  /** A runner at the depth {@link #depthFor} chooses for the RDD's partition count. */
  public static <T> SparkPassRunner<T> over(JavaSparkContext sc, JavaRDD<T> data, String jobPrefix) {
    return new SparkPassRunner<>(sc, data, depthFor(data.getNumPartitions()), jobPrefix);
  }

  /** Depth 1 (all partials straight to the driver, merged in order) up to 16 partitions, then one level per ×16. */
  public static int depthFor(int partitions) {
    int depth = 1;
    for (long reach = 16; reach < partitions; reach *= 16) {
      depth++;
    }
    return depth;
  }

  @Override
  public <P, A> A run(BlockPass<T, P, A> pass) {
    long start = System.nanoTime();
    P value = pass.parameter();
    Broadcast<P> broadcast = value == null || serialisedSize(value) <= INLINE_PARAMETER_BYTES ? null
        : sc.broadcast(value);
    try {
      sc.setJobDescription(jobPrefix + pass.name());
      A total = aggregate(pass, broadcast == null ? new Inline<>(value) : new Broadcasted<>(broadcast));
      logPass(pass.name(), start, broadcast != null);
      return total;
    } finally {
      if (broadcast != null) {
        broadcast.destroy();
      }
      sc.setJobDescription(null);
    }
  }

  /** How a task reaches the pass's parameter: inside its closure, or through a broadcast. */
  interface Parameter<P> extends Serializable {
    P value();
  }

  private record Inline<P>(P value) implements Parameter<P> {}

  private record Broadcasted<P>(Broadcast<P> broadcast) implements Parameter<P> {
    @Override
    public P value() {
      return broadcast.value();
    }
  }

  /** Java-serialised size, as the closure serialiser would write it. */
  static long serialisedSize(Object value) {
    CountingStream counter = new CountingStream();
    try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("a pass parameter must be serialisable: " + e.getMessage(), e);
    }
    return counter.count;
  }

  private static final class CountingStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  private <P, A> A aggregate(BlockPass<T, P, A> pass, Parameter<P> parameter) {
    BlockPass.Add<T, P, A> add = pass.add();
    BlockPass.Merge<A> merge = pass.merge();
    if (depth > 1) {
      return data.treeAggregate(pass.zero().get(), (acc, element) -> add.add(acc, element, parameter.value()),
          merge::merge, depth);
    }
    List<A> partials = data.mapPartitions(partitionFold(pass, parameter)).collect();
    A total = pass.zero().get();
    for (A partial : partials) {
      total = merge.merge(total, partial);
    }
    return total;
  }

  /**
   * A task's work at depth 1: fold its partition's elements into a fresh identity. The closure holds
   * the pass's three small functions and the broadcast's handle, nothing of the data or of the
   * identity's arrays, so the task binary Spark ships per pass stays a few kilobytes at any d.
   */
  static <T, P, A> FlatMapFunction<Iterator<T>, A> partitionFold(BlockPass<T, P, A> pass, Parameter<P> parameter) {
    BlockPass.Zero<A> zero = pass.zero();
    BlockPass.Add<T, P, A> add = pass.add();
    return elements -> {
      A acc = zero.get();
      P p = parameter.value();
      while (elements.hasNext()) {
        acc = add.add(acc, elements.next(), p);
      }
      return List.of(acc).iterator();
    };
  }

  private void logPass(String pass, long startNanos, boolean broadcast) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}{} took {} s over {} partitions (tree depth {}, parameter {})", jobPrefix, pass,
          String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) * 1e-9), data.getNumPartitions(), depth,
          broadcast ? "broadcast" : "in the task closure");
    }
  }
}
