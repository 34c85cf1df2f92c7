package org.attnreg.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The bad rows of one load. Executors report them during the validation job: every error is
 * counted, and each partition hands over the {@link #KEEP_PER_PARTITION} errors with the smallest
 * row ids (so the first errors of the input are always among those kept); accumulators let the one
 * job that caches the blocks also return the errors. The driver then reports them as one
 * {@link DataFormatException}: the earliest ones by position (file order, then line), each located.
 */
final class RowErrors implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Errors kept per partition (and reported in total). */
  static final int KEEP_PER_PARTITION = 10;
  /** How many errors the exception lists. */
  static final int LISTED = KEEP_PER_PARTITION;

  private final CollectionAccumulator<RowError> kept;
  private final LongAccumulator count;

  /** A parse error found on an executor, keyed by row id; the driver turns the id into file and line. */
  private record RowError(long rowId, String field, String value, String reason) implements Serializable {}

  private RowErrors(CollectionAccumulator<RowError> kept, LongAccumulator count) {
    this.kept = kept;
    this.count = count;
  }

  static RowErrors create(JavaSparkContext sc) {
    return new RowErrors(sc.sc().collectionAccumulator("attnreg.io.rowErrors"),
        sc.sc().longAccumulator("attnreg.io.rowErrorCount"));
  }

  /**
   * Errors gathered in this JVM without a Spark context ({@link EarlyLoad}): unregistered
   * accumulators, which partitions read on several threads hand over to one at a time.
   */
  static RowErrors local() {
    return new RowErrors(new CollectionAccumulator<>(), new LongAccumulator());
  }

  /** The errors of one partition, gathered while it is read. */
  Partition forPartition() {
    return new Partition();
  }

  long count() {
    return count.value();
  }

  /**
   * The errors as one exception, each located by file and line (Parquet: row in the file). Text errors
   * carry byte offsets, so their files are read up to the offsets to count lines; this happens only
   * on this error path.
   */
  DataFormatException report(Configuration conf, InputFiles files, InputFormat format) {
    List<RowError> first = earliest();
    long[] lines = format == InputFormat.PARQUET ? rowNumbers(first) : lineNumbers(conf, files, first);
    List<DataFormatException> located = new ArrayList<>();
    for (int k = 0; k < first.size(); k++) {
      RowError e = first.get(k);
      located.add(new DataFormatException(files.display(InputFiles.fileOf(e.rowId())), lines[k], e.field(),
          e.value(), e.reason()));
    }
    return DataFormatException.ofMany(located, count());
  }

  /** The errors as one exception, each located by DataFrame partition and row. */
  DataFormatException reportForDataFrame() {
    List<DataFormatException> located = new ArrayList<>();
    for (RowError e : earliest()) {
      located.add(ParquetSource.locatedInDataFrame(new DataFormatException(null, 0, e.field(), e.value(), e.reason()),
          e.rowId()));
    }
    return DataFormatException.ofMany(located, count());
  }

  /** The first {@value #LISTED} errors kept, by row id. */
  private List<RowError> earliest() {
    return kept.value().stream().sorted(Comparator.comparingLong(RowError::rowId)).limit(LISTED).toList();
  }

  private static long[] rowNumbers(List<RowError> errors) {
    return errors.stream().mapToLong(e -> InputFiles.positionOf(e.rowId()) + 1).toArray();
  }

  /** Line numbers of errors sorted by row id, reading each file concerned once. */
  private static long[] lineNumbers(Configuration conf, InputFiles files, List<RowError> errors) {
    long[] lines = new long[errors.size()];
    for (int start = 0; start < errors.size(); ) {
      int file = InputFiles.fileOf(errors.get(start).rowId());
      int end = start;
      while (end < errors.size() && InputFiles.fileOf(errors.get(end).rowId()) == file) {
        end++;
      }
      long[] offsets = errors.subList(start, end).stream().mapToLong(e -> InputFiles.positionOf(e.rowId())).toArray();
      System.arraycopy(TextSource.lineNumbers(conf, files, file, offsets), 0, lines, start, end - start);
      start = end;
    }
    return lines;
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
        synchronized (RowErrors.this) { // a task's own copy on an executor; shared by the threads of a local read
          count.add(errorCount);
          earliest.forEach(kept::add);
        }
        errorCount = 0;
      }
    }
  }
}
