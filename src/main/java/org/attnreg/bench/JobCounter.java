package org.attnreg.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Counts the Spark jobs a piece of work starts, by job group: the objective "passes over the data"
 * of a solver we do not control (GLR, or L-BFGS's function evaluations).
 */
final class JobCounter extends SparkListener {
  private static final String GROUP = "spark.jobGroup.id";
  private final Map<String, AtomicInteger> jobs = new ConcurrentHashMap<>();
  private final SparkContext sc;
  private int next;

  private JobCounter(SparkContext sc) {
    this.sc = sc;
  }

  static JobCounter on(SparkContext sc) {
    JobCounter counter = new JobCounter(sc);
    sc.addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    String group = event.properties() == null ? null : event.properties().getProperty(GROUP);
    if (group != null) {
      jobs.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** The result of some work and the Spark jobs it started. */
  record Counted<T>(T value, int jobs) {}

  /** Runs {@code work} in a fresh job group and counts its jobs once the listener bus has caught up. */
  <T> Counted<T> count(String label, Supplier<T> work) {
    String group = "bench-" + (++next) + "-" + label;
    sc.setJobGroup(group, label, false);
    T value;
    try {
      value = work.get();
    } finally {
      sc.clearJobGroup();
    }
    awaitListeners();
    AtomicInteger n = jobs.remove(group);
    return new Counted<>(value, n == null ? 0 : n.get());
  }

  /** Job-start events reach listeners asynchronously; wait until every event so far is delivered. */
  private void awaitListeners() {
    try {
      sc.listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    }
  }

  void remove() {
    sc.removeSparkListener(this);
  }
}
