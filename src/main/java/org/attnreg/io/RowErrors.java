package org.attnreg.io;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Where executors report bad rows during the validation job: every error is counted, and each
 * partition hands over the {@link #KEEP_PER_PARTITION} errors with the smallest row ids (so the
 * first errors of the input are always among those kept). Accumulators let the one job that
 * caches the blocks also return the errors.
 */
final class RowErrors implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Errors kept per partition (and reported in total). */
  static final int KEEP_PER_PARTITION = 10;

  private final CollectionAccumulator<RowError> kept;
  private final LongAccumulator count;

  /** A parse error found on an executor, keyed by row id; the driver turns the id into file and line. */
  record RowError(long rowId, String field, String value, String reason) implements Serializable {}

  private RowErrors(CollectionAccumulator<RowError> kept, LongAccumulator count) {
    this.kept = kept;
    this.count = count;
  }

  static RowErrors create(JavaSparkContext sc) {
    return new RowErrors(sc.sc().collectionAccumulator("attnreg.io.rowErrors"),
        sc.sc().longAccumulator("attnreg.io.rowErrorCount"));
  }

  /** The errors of one partition, gathered while it is read. */
  Partition forPartition() {
    return new Partition();
  }

  long count() {
    return count.value();
  }

  List<RowError> kept() {
    return List.copyOf(kept.value());
  }

  /** One partition's errors: all counted, the earliest kept, both handed over when the partition ends. */
  final class Partition {
    /** The earliest errors of this partition, latest first. */
    private final PriorityQueue<RowError> earliest =
        new PriorityQueue<>(Comparator.comparingLong(RowError::rowId).reversed());
    private long errorCount;

    /** Records run in any order (a repartition mixes them), so keep the smallest ids, not the first seen. */
    void add(long rowId, DataFormatException e) {
      errorCount++;
      earliest.add(new RowError(rowId, e.field(), e.value(), e.reason()));
      if (earliest.size() > KEEP_PER_PARTITION) {
        earliest.poll();
      }
    }

    /** Hands the count and the kept errors to the accumulators (once, at the partition's end). */
    void handOver() {
      if (errorCount > 0) {
        count.add(errorCount);
        earliest.forEach(kept::add);
        errorCount = 0;
      }
    }
  }
}
