package org.attnreg.io;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Where executors report bad rows during the validation job: every error is counted, the first
 * {@link #KEEP_PER_PARTITION} of each partition are kept. Accumulators let the one job that caches
 * the blocks also return the errors.
 */
final class ErrorSink implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Errors kept per partition (and reported in total). */
  static final int KEEP_PER_PARTITION = 10;

  private final CollectionAccumulator<RowError> kept;
  private final LongAccumulator count;

  private ErrorSink(CollectionAccumulator<RowError> kept, LongAccumulator count) {
    this.kept = kept;
    this.count = count;
  }

  static ErrorSink create(JavaSparkContext sc) {
    return new ErrorSink(sc.sc().collectionAccumulator("attnreg.io.rowErrors"),
        sc.sc().longAccumulator("attnreg.io.rowErrorCount"));
  }

  /**
   * Reports an error.
   *
   * @param seenInPartition errors this partition reported before this one
   */
  void report(RowError error, int seenInPartition) {
    count.add(1);
    if (seenInPartition < KEEP_PER_PARTITION) {
      kept.add(error);
    }
  }

  long count() {
    return count.value();
  }

  List<RowError> kept() {
    return List.copyOf(kept.value());
  }
}
