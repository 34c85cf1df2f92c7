package org.attnreg.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;
import scala.Tuple2;

/**
 * Reads text input (LIBSVM, CSV) with Hadoop's TextInputFormat into blocks, parsing each split
 * lazily in its {@link TextFormat}, in Spark's tasks or, for {@link EarlyLoad}, split by split in
 * the driver; and the driver-side reads of text files: the first row, which fixes the CSV width,
 * and, on the error path only, the line numbers of bad rows' byte offsets.
 */
final class TextSource {
  private TextSource() {}

  /** The first line that holds a row. */
  record FirstLine(int fileIndex, long line, String text) {}

  /**
   * Lines of one text file as {@code TextInputFormat} delivers them (byte offset, line); the row id
   * is the file index and the offset, and a header is the line at offset 0.
   */
  private record Lines(int fileIndex, TextFormat format, boolean header)
      implements RowParser<Tuple2<LongWritable, Text>> {
    @Override
    public long rowId(Tuple2<LongWritable, Text> record) {
      return InputFiles.rowId(fileIndex, record._1().get());
    }

    @Override
    public boolean parse(Tuple2<LongWritable, Text> record, RowParser.Buffer out) {
      if (header && record._1().get() == 0) {
        return false;
      }
      return format.parse(record._2().toString(), out);
    }
  }

  /**
   * The (not yet cached) blocks of every line of {@code files}, in {@code partitions} partitions.
   * Splits are sized so that there are about {@code partitions} of them, which are then coalesced,
   * so that no shuffle is needed unless the files are too few or too small to split.
   */
  static JavaRDD<RowBlock> blocks(JavaSparkContext sc, InputFiles files, TextFormat format, boolean header,
      BlockAssembler.Shape shape, RowErrors errors, int partitions) {
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopRDD(
        jobConf(sc.hadoopConfiguration(), files, partitions, sc.isLocal()), TextInputFormat.class, LongWritable.class,
        Text.class);
    Map<String, Integer> fileIndex = files.indexByUriPath();
    JavaRDD<RowBlock> blocks = lines.mapPartitionsWithInputSplit((split, records) -> {
      int f = fileIndex.get(((FileSplit) split).getPath().toUri().getPath());
      return new BlockAssembler<>(records, new Lines(f, format, header), shape, errors);
    }, false);
    return InputPlan.resized(blocks, partitions);
  }

  /**
   * A split of a text file, as {@link #readHere} reads it and an executor may read it again (a
   * FileSplit is not Serializable).
   */
  record SplitRef(int fileIndex, String path, long start, long length) implements Serializable {
    private static final long serialVersionUID = 1L;

    FileSplit split() {
      return new FileSplit(new Path(path), start, length, new String[0]);
    }
  }

  /** The splits of a text input and the Hadoop settings they are read with. */
  record Splits(Configuration job, List<SplitRef> refs) {}

  /**
   * The splits that TextInputFormat makes of {@code files} with {@link #blocks}' split size, when they
   * are exactly {@code partitions} (so that the Spark load would neither coalesce nor repartition
   * them); else null.
   */
  static Splits splits(Configuration conf, InputFiles files, int partitions) throws IOException {
    Configuration job = jobConf(conf, files, partitions, true);
    List<InputSplit> splits = new TextInputFormat().getSplits(Job.getInstance(job));
    if (splits.size() != partitions) {
      return null;
    }
    Map<String, Integer> fileIndex = files.indexByUriPath();
    List<SplitRef> refs = new ArrayList<>();
    for (InputSplit split : splits) {
      FileSplit f = (FileSplit) split;
      refs.add(new SplitRef(fileIndex.get(f.getPath().toUri().getPath()), f.getPath().toString(), f.getStart(),
          f.getLength()));
    }
    return new Splits(job, List.copyOf(refs));
  }

  /**
   * The blocks of {@code splits} read in this JVM, a split per task of {@code pool}, with the record
   * reader, parser and block shape of {@link #blocks}: the same blocks in the same order, partition
   * by partition.
   */
  static List<List<RowBlock>> readHere(Splits splits, TextFormat format, boolean header, BlockAssembler.Shape shape,
      RowErrors errors, ExecutorService pool, String input) {
    List<Future<List<RowBlock>>> parts = new ArrayList<>();
    for (SplitRef ref : splits.refs()) {
      parts.add(pool.submit(() -> readSplit(ref, splits.job(), format, header, shape, errors)));
    }
    List<List<RowBlock>> out = new ArrayList<>();
    for (Future<List<RowBlock>> part : parts) {
      out.add(EarlyLoad.await(part, input));
    }
    return out;
  }

  /**
   * One split's blocks, read as a Spark task reads it (the reader's key and value objects reused);
   * the reader's failures are thrown unchecked, naming the split's file.
   */
  static List<RowBlock> readSplit(SplitRef ref, Configuration job, TextFormat format, boolean header,
      BlockAssembler.Shape shape, RowErrors errors) {
    return reading(ref.path(), () -> {
      TaskAttemptContext context = new TaskAttemptContextImpl(job, new TaskAttemptID());
      FileSplit split = ref.split();
      try (RecordReader<LongWritable, Text> reader = new TextInputFormat().createRecordReader(split, context)) {
        reader.initialize(split, context);
        List<RowBlock> blocks = new ArrayList<>();
        new BlockAssembler<>(new Records(reader, ref.path()), new Lines(ref.fileIndex(), format, header), shape,
            errors).forEachRemaining(blocks::add);
        return blocks;
      }
    });
  }

  /** A call of the record reader, whose checked exceptions neither an iterator nor a task may throw. */
  private interface ReaderCall<T> {
    T call() throws IOException, InterruptedException;
  }

  /** {@code call}'s result; its I/O failure or interruption rethrown unchecked, naming {@code path}. */
  private static <T> T reading(String path, ReaderCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + path, e);
    }
  }

  /** A record reader's records as the pairs a Spark task sees. */
  private static final class Records implements Iterator<Tuple2<LongWritable, Text>> {
    private final RecordReader<LongWritable, Text> reader;
    private final String path;
    private Boolean ahead;

    Records(RecordReader<LongWritable, Text> reader, String path) {
      this.reader = reader;
      this.path = path;
    }

    @Override
    public boolean hasNext() {
      if (ahead == null) {
        ahead = reading(path, reader::nextKeyValue);
      }
      return ahead;
    }

    @Override
    public Tuple2<LongWritable, Text> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ahead = null;
      return reading(path, () -> new Tuple2<>(reader.getCurrentKey(), reader.getCurrentValue()));
    }
  }

  /**
   * Splits are sized so that there are about {@code partitions} of them. On a cluster they are also
   * cut at the file system's blocks (32 MiB on the local file system, 128 MiB on HDFS), so that a
   * task reads one block, where it is stored, and the splits are then coalesced; on a local master,
   * where no block is nearer than another, they are not: a file then makes one split per
   * partition's share of the bytes, which {@link EarlyLoad} reads on the driver split by split.
   */
  private static Configuration jobConf(Configuration conf, InputFiles files, int partitions, boolean local) {
    long splitBytes = Math.max(1, -Math.floorDiv(-files.totalBytes(), partitions));
    try {
      Job job = Job.getInstance(conf);
      Path[] paths = new Path[files.size()];
      for (int i = 0; i < paths.length; i++) {
        paths[i] = files.path(i);
      }
      FileInputFormat.setInputPaths(job, paths);
      FileInputFormat.setMaxInputSplitSize(job, splitBytes);
      if (local) {
        FileInputFormat.setMinInputSplitSize(job, splitBytes);
      }
      return job.getConfiguration();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up reading " + files.input(), e);
    }
  }

  /** Opens a file, decompressing it when its name says it is compressed (as TextInputFormat does). */
  static InputStream open(Configuration conf, Path p) throws IOException {
    InputStream raw = p.getFileSystem(conf).open(p);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /**
   * The first non-blank line of the input, skipping the first line of every file when it is a
   * header; null when there is none.
   */
  static FirstLine firstLine(Configuration conf, InputFiles files, boolean header) {
    for (int f = 0; f < files.size(); f++) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(open(conf, files.path(f)), StandardCharsets.UTF_8))) {
        long line = 0;
        for (String text = r.readLine(); text != null; text = r.readLine()) {
          line++;
          if (!(header && line == 1) && !TextFormat.isBlankLine(text)) {
            return new FirstLine(f, line, text);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + files.display(f), e);
      }
    }
    return null;
  }

  /** Line numbers of the given ascending byte offsets of file {@code fileIndex}. */
  static long[] lineNumbers(Configuration conf, InputFiles files, int fileIndex, long[] offsets) {
    try (InputStream in = open(conf, files.path(fileIndex))) {
      return lineNumbers(in, offsets);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.display(fileIndex) + " to locate an error", e);
    }
  }

  /**
   * Turns byte offsets of line starts into 1-based line numbers by counting line ends before them,
   * with the same line ends Hadoop's {@code LineRecordReader} uses ({@code \n}, {@code \r\n}, lone
   * {@code \r}). Only the error path uses it, so it may read a file from its start.
   *
   * @param in the file's bytes from offset 0 (closed by the caller)
   * @param offsets ascending byte offsets
   * @return the line number of each offset
   */
  static long[] lineNumbers(InputStream in, long[] offsets) throws IOException {
    long[] lines = new long[offsets.length];
    InputStream buffered = new BufferedInputStream(in, 1 << 16);
    long pos = 0;
    long ends = 0;
    int previous = -1;
    for (int k = 0; k < offsets.length; k++) {
      while (pos < offsets[k]) {
        int c = buffered.read();
        if (c < 0) {
          throw new IOException("file ends at byte " + pos + ", before offset " + offsets[k]);
        }
        if (c == '\r' || (c == '\n' && previous != '\r')) {
          ends++;
        }
        previous = c;
        pos++;
      }
      lines[k] = ends + 1;
    }
    return lines;
  }
}
