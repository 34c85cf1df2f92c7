package org.attnreg.io;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Where executors report bad rows during the validation job: every error is counted, and each
 * partition hands over the {@link #KEEP_PER_PARTITION} errors with the smallest row ids (so the
 * first errors of the input are always among those kept). Accumulators let the one job that
 * caches the blocks also return the errors.
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

  /** Counts {@code errors} more bad rows. */
  void count(long errors) {
    count.add(errors);
  }

  /** Keeps a partition's earliest errors. */
  void keep(Collection<RowError> errors) {
    errors.forEach(kept::add);
  }

  long count() {
    return count.value();
  }

  List<RowError> kept() {
    return List.copyOf(kept.value());
  }
}
