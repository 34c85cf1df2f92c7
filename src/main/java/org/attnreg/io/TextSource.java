package org.attnreg.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;
import scala.Tuple2;

/**
 * Reads text input (LIBSVM, CSV) with Hadoop's TextInputFormat into blocks, parsing each split
 * lazily in its {@link TextFormat}; and the driver-side reads of text files: the first row, which
 * fixes the CSV width, and, on the error path only, the line numbers of bad rows' byte offsets.
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
    long splitBytes = Math.max(1, -Math.floorDiv(-files.totalBytes(), partitions));
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopRDD(
        jobConf(sc, files, splitBytes), TextInputFormat.class, LongWritable.class, Text.class);
    Map<String, Integer> fileIndex = files.indexByUriPath();
    JavaRDD<RowBlock> blocks = lines.mapPartitionsWithInputSplit((split, records) -> {
      int f = fileIndex.get(((FileSplit) split).getPath().toUri().getPath());
      return new BlockAssembler<>(records, new Lines(f, format, header), shape, errors);
    }, false);
    return InputPlan.resized(blocks, partitions);
  }

  private static Configuration jobConf(JavaSparkContext sc, InputFiles files, long splitBytes) {
    try {
      Job job = Job.getInstance(sc.hadoopConfiguration());
      Path[] paths = new Path[files.size()];
      for (int i = 0; i < paths.length; i++) {
        paths[i] = files.path(i);
      }
      FileInputFormat.setInputPaths(job, paths);
      FileInputFormat.setMaxInputSplitSize(job, splitBytes);
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
