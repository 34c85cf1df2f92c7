package org.attnreg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attnreg.linalg.RowBlock;
import org.attnreg.problem.Globals;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.DerivativeAggregate;
import org.attnreg.stats.LineBatch;
import org.attnreg.stats.Problem;
import org.attnreg.stats.ValueAggregate;

/**
 * The same per-block arithmetic as a Spark pass (the very same aggregates), in a plain fixed thread
 * pool with no Spark at all: what a pass would cost without the scheduler, serialisation and
 * merging, i.e. the target a Spark pass is compared with.
 */
final class PlainPasses implements AutoCloseable {
  private final List<List<RowBlock>> slices;
  private final ExecutorService pool;

  /** Blocks split into {@code threads} contiguous slices, one per thread. */
  PlainPasses(List<RowBlock> blocks, int threads) {
    this.slices = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      slices.add(blocks.subList(blocks.size() * t / threads, blocks.size() * (t + 1) / threads));
    }
    this.pool = Executors.newFixedThreadPool(threads);
  }

  void values(Problem problem, LineBatch batch) {
    List<Future<ValueAggregate>> parts = new ArrayList<>();
    for (List<RowBlock> slice : slices) {
      parts.add(pool.submit(() -> {
        ValueAggregate agg = problem.emptyValue(batch);
        slice.forEach(block -> agg.add(block, batch));
        return agg;
      }));
    }
    ValueAggregate total = problem.emptyValue(batch);
    join(parts).forEach(total::merge);
    total.finish(batch, problem.reg());
  }

  void derivatives(Problem problem, double[] x, Globals globals, Curvature curvature) {
    List<Future<DerivativeAggregate>> parts = new ArrayList<>();
    for (List<RowBlock> slice : slices) {
      parts.add(pool.submit(() -> {
        DerivativeAggregate agg = problem.emptyDerivative(globals, 0, curvature);
        slice.forEach(block -> agg.add(block, x));
        return agg;
      }));
    }
    DerivativeAggregate total = problem.emptyDerivative(globals, 0, curvature);
    join(parts).forEach(total::merge);
    total.finish(x);
  }

  static <T> List<T> join(List<Future<T>> parts) {
    List<T> out = new ArrayList<>();
    try {
      for (Future<T> f : parts) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a bench thread failed: " + e.getCause(), e.getCause());
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
