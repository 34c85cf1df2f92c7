package org.attnreg.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;
import org.attnreg.spark.CachedPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A text input read on the driver while the Spark session starts. On a local master the driver is
 * the only executor, so the blocks that the load's Spark job would build in its tasks can be built
 * here instead, beside the session's start-up, and handed to the block manager as the input's
 * cached partitions once the session is up ({@link CachedPartitions}): the load then costs no Spark
 * job and no wait after the session (at 54 000 × 21, 1.1–1.8 s less). The blocks are those of the
 * Spark load bit for bit: the same splits, record reader, parser and block shape, split by split.
 * Bad rows give the Spark load's error. It applies when the files make exactly one split per
 * partition: on a local master each split is a partition's share of the bytes, so one file, or
 * files of about equal size as {@code jobs/generate} writes them, one per partition. Otherwise (many
 * small files, say), and when the session turns out not to be the local one it was started for,
 * the caller loads through Spark as usual.
 */
public final class EarlyLoad implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyLoad.class);
  /** The most text bytes read early by default: 1 GiB, and at most an eighth of the driver's heap. */
  public static final long MAX_BYTES = 1L << 30;
  /**
   * Up to this many text bytes the read leaves one core to the session's start, the kernel warm-up
   * and the JIT compiler: it still ends with the session, and the solve then starts warm. Measured on
   * 2 cores with the 54 000 × 21 instance (24 MB; 5 interleaved runs each, a shared machine): one
   * reading thread gave solves of 0.13–0.20 s (median 0.14) and commands of 5.9–7.2 s (6.2), two
   * threads 0.13–0.38 s (0.26) and 5.7–7.4 s (6.6); at 650 MB (10⁶ × 32) two threads were faster
   * (commands of 11.9–12.8 s against 13.2 s).
   */
  static final long SMALL_BYTES = 64L << 20;

  private final Configuration conf;
  private final InputFiles files;
  private final InputFormat format;
  private final InputPlan.TextLayout layout;
  private final ReadOptions options;
  private final TextSource.Splits splits;
  private final RowErrors errors = RowErrors.local();
  private final ExecutorService pool;
  private final Future<List<List<RowBlock>>> read;
  private final long startNanos = System.nanoTime();
  private boolean finished;

  private EarlyLoad(Configuration conf, InputFiles files, InputFormat format, InputPlan.TextLayout layout,
      ReadOptions options, TextSource.Splits splits, int threads) {
    this.conf = conf;
    this.files = files;
    this.format = format;
    this.layout = layout;
    this.options = options;
    this.splits = splits;
    AtomicInteger n = new AtomicInteger();
    // one more thread than the splits read at once: the first waits for the others
    this.pool = Executors.newFixedThreadPool(threads + 1, r -> {
      Thread t = new Thread(r, "attnreg early read " + n.incrementAndGet());
      t.setDaemon(true); // a solve that fails before the load must not wait for the read
      return t;
    });
    this.read = pool.submit(() -> TextSource.readHere(splits, layout.format(), layout.header(), layout.shape(), errors,
        pool, files.input()));
  }

  /** The early read's size limit for a driver of heap {@code maxHeap}: min({@link #MAX_BYTES}, heap / 8). */
  public static long limit(long maxHeap) {
    return Math.min(MAX_BYTES, maxHeap / 8);
  }

  /**
   * Starts reading {@code path} on up to {@code cores} threads (one fewer for small input, see
   * {@link #SMALL_BYTES}) when it is text input of at most
   * {@code maxBytes}, cached deserialised in memory, whose files make one split per partition; else
   * null (Parquet needs Spark's readers). The caller knows that the session will have a local master
   * whose default parallelism the options' partitions were resolved with.
   *
   * @param format the input's format as {@link InputCheck#check} found it (the caller's check before
   *     Spark starts, which reads every file's first bytes: not repeated here)
   * @throws DataFormatException and IllegalArgumentException as the Spark load would for the same
   *     input (a CSV's first row, a weight column the format cannot name), before Spark starts
   */
  public static EarlyLoad start(Configuration conf, String path, InputFormat format, ReadOptions options,
      long maxBytes, int cores) {
    if (!options.storage().useMemory() || !options.storage().deserialized() || options.partitions() < 1) {
      return null;
    }
    InputFiles files = InputFiles.list(conf, path);
    if (format == InputFormat.PARQUET || files.totalBytes() > maxBytes) {
      return null;
    }
    InputPlan.TextLayout layout = InputPlan.TextLayout.of(conf, files, format, options);
    TextSource.Splits splits;
    try {
      splits = TextSource.splits(conf, files, options.partitions());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot split " + files.input(), e);
    }
    if (splits == null) {
      LOG.debug("{} makes another number of splits than its {} partitions: the load runs on Spark", path,
          options.partitions());
      return null;
    }
    int readers = files.totalBytes() <= SMALL_BYTES ? cores - 1 : cores;
    return new EarlyLoad(conf, files, format, layout, options, splits,
        Math.max(1, Math.min(readers, options.partitions())));
  }

  /**
   * The loaded data, its blocks cached as the input RDD's partitions, when {@code sc} is the local
   * session this read was started for and {@code options} are the ones it read with; else null (the
   * read is dropped, and the caller loads through Spark). It serves once: a second call gives null.
   *
   * @throws DataFormatException for bad rows, as the Spark load reports them
   */
  public synchronized LoadedData finish(JavaSparkContext sc, ReadOptions options) {
    if (finished) {
      return null;
    }
    finished = true;
    try {
      if (!sc.isLocal() || !options.equals(this.options)) {
        LOG.debug("the early read of {} does not serve this session (master {}, {} partitions read, {} asked)",
            files.input(), sc.master(), this.options.partitions(), options.partitions());
        return null;
      }
      long sessionUp = System.nanoTime();
      List<List<RowBlock>> partitions = await(read, files.input());
      if (errors.count() > 0) {
        throw errors.report(conf, files, format);
      }
      JavaRDD<RowBlock> rdd = RereadRdd.of(sc, splits, layout.format(), layout.header(), layout.shape(),
          RowErrors.create(sc)).persist(options.storage());
      if (!CachedPartitions.put(rdd, partitions, RowBlock.class)) {
        LOG.debug("the block manager has no room for the early read of {}: the load runs on Spark", files.input());
        return null;
      }
      LoadedData data = DataLoader.checked(files.input(), layout.d(), rdd, DataLoader.LoadStats.counted(partitions),
          files.qualifiedPaths(), files.fingerprint(), options.hasRowWeights(), LoadedData.BY_DRIVER);
      LOG.info("Loaded {} ({}): n={}, d={}, nnz={}, {} partitions, read on the driver while Spark started, in {} ms"
          + " ({} ms after the session was up)", files.input(), format, data.n(), data.d(), data.nnz(),
          data.partitions(), (System.nanoTime() - startNanos) / 1_000_000, (System.nanoTime() - sessionUp) / 1_000_000);
      return data;
    } finally {
      close();
    }
  }

  /** Stops the read if it still runs (its threads are daemons: nothing waits for them). */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** A task's result, its unchecked exception rethrown as it was; {@code input} names what it read. */
  static <T> T await(Future<T> f, String input) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + input, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("reading " + input + " failed", cause);
    }
  }
}
