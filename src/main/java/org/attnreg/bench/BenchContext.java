package org.attnreg.bench;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.job.PlantedInstance;

/** What every bench section shares: Spark, the plan, the results, the progress writer. */
final class BenchContext {
  final SparkSession spark;
  final JavaSparkContext sc;
  final BenchPlan plan;
  final Results results;
  final StorageLevel storage;
  private final PrintWriter progress;
  private final long start = System.nanoTime();

  BenchContext(SparkSession spark, BenchPlan plan, Results results, StorageLevel storage, PrintWriter progress) {
    this.spark = spark;
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.plan = plan;
    this.results = results;
    this.storage = storage;
    this.progress = progress;
  }

  /** Spark's parallelism: the cores of local[*], and the thread count of the plain-Java loops. */
  int cores() {
    return sc.defaultParallelism();
  }

  void say(String format, Object... args) {
    progress.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) * 1e-9,
        String.format(Locale.ROOT, format, args));
    progress.flush();
  }

  /** A dense planted instance generated into cached blocks with one partition per core by default. */
  Instances.Cached cache(String family, long n, int d, double noise, double xScale, int partitions) {
    return cache(family, n, d, noise, xScale, 1.0, partitions);
  }

  /** As {@link #cache(String, long, int, double, double, int)}, with column scales spread over [1/κ, 1]. */
  Instances.Cached cache(String family, long n, int d, double noise, double xScale, double condition,
      int partitions) {
    return cache(family, n, d, noise, xScale, condition, 1.0, partitions);
  }

  /** As {@link #cache(String, long, int, double, double, double, int)}, with a fraction ρ of A non-zero. */
  Instances.Cached cache(String family, long n, int d, double noise, double xScale, double condition, double density,
      int partitions) {
    PlantedInstance instance = new PlantedInstance(family, n, d, 1, noise, density, xScale, 0, condition);
    long t0 = System.nanoTime();
    Instances.Cached data = Instances.blocks(sc, instance, partitions, storage);
    say("cached %s n=%d d=%d in %d partitions (%.1f s)", family, n, d, partitions, (System.nanoTime() - t0) * 1e-9);
    return data;
  }

  /** Median bytes/second of the STREAM-like sum, measured first. */
  double bandwidth() {
    return results.value("bandwidth", "stream sum", cores() + " threads", "GB/s (median)") * 1e9;
  }
}
