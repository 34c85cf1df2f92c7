package org.attnreg.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs passes over elements held in this JVM, each inner list playing the part of one partition: the
 * same fold and the same partition-ordered merge as a Spark pass at tree depth 1, so a local and a
 * distributed pass over the same partitions give the same bits.
 *
 * <p>With more than one thread the partitions are folded concurrently, each into its own fresh
 * identity, and the partials are then merged on the calling thread in partition order, exactly as
 * the Spark runner merges the collected partials: which thread finished first never changes a bit.
 * The pool's threads are daemons that end after a second without work, so a runner needs no closing
 * and a solve's consecutive passes reuse warm threads.
 */
public final class LocalPassRunner<T> implements PassRunner<T> {
  private static final long IDLE_SECONDS = 1;
  private final List<List<T>> partitions;
  private final ThreadPoolExecutor pool;

  /** One thread: every partition folded in turn on the calling thread. */
  public LocalPassRunner(List<List<T>> partitions) {
    this(partitions, 1);
  }

  /** Up to {@code threads} partitions folded at once. */
  public LocalPassRunner(List<List<T>> partitions, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("a local pass needs at least one thread: " + threads);
    }
    this.partitions = partitions.stream().map(List::copyOf).toList();
    int workers = Math.min(threads, this.partitions.size());
    this.pool = workers <= 1 ? null : daemonPool(workers);
  }

  private static ThreadPoolExecutor daemonPool(int workers) {
    ThreadPoolExecutor p = new ThreadPoolExecutor(workers, workers, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), task -> {
          Thread t = new Thread(task, "attnreg local pass");
          t.setDaemon(true);
          return t;
        });
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  /** How many partitions are folded at once. */
  public int threads() {
    return pool == null ? 1 : pool.getMaximumPoolSize();
  }

  @Override
  public <P, A> A run(BlockPass<T, P, A> pass) {
    A total = pass.zero().get();
    for (A partial : partials(pass)) {
      total = pass.merge().merge(total, partial);
    }
    return total;
  }

  /** Every partition's own fold, in partition order. */
  private <P, A> List<A> partials(BlockPass<T, P, A> pass) {
    List<A> out = new ArrayList<>(partitions.size());
    if (pool == null) {
      partitions.forEach(partition -> out.add(fold(pass, partition, pass.zero().get())));
      return out;
    }
    List<Future<A>> running = new ArrayList<>(partitions.size());
    for (List<T> partition : partitions) {
      A zero = pass.zero().get(); // built here: the zero supplier runs on the driver thread only
      running.add(pool.submit(() -> fold(pass, partition, zero)));
    }
    try {
      for (Future<A> f : running) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      running.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + pass.name(), e);
    } catch (ExecutionException e) {
      running.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(pass.name() + " failed: " + e.getCause(), e.getCause());
    }
    return out;
  }

  private static <T, P, A> A fold(BlockPass<T, P, A> pass, List<T> partition, A zero) {
    A partial = zero;
    for (T element : partition) {
      partial = pass.add().add(partial, element, pass.parameter());
    }
    return partial;
  }
}
