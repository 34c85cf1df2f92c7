package org.attnreg.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.attnreg.linalg.RowBlock;

/** Reads text input (LIBSVM, CSV) with Hadoop's TextInputFormat into blocks, parsing each split lazily. */
final class TextSource {
  private TextSource() {}

  /**
   * The (not yet cached) blocks of every line of {@code files}, in {@code partitions} partitions.
   * Splits are sized so that there are about {@code partitions} of them, which are then coalesced,
   * so that no shuffle is needed unless the files are too few or too small to split.
   */
  static JavaRDD<RowBlock> blocks(JavaSparkContext sc, InputFiles files, TextFormat parser, boolean header,
      BlockShape shape, ErrorSink errors, int partitions) {
    long splitBytes = Math.max(1, -Math.floorDiv(-files.totalBytes(), partitions));
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopRDD(
        jobConf(sc, files, splitBytes), TextInputFormat.class, LongWritable.class, Text.class);
    Map<String, Integer> fileIndex = files.indexByUriPath();
    JavaRDD<RowBlock> blocks = lines.mapPartitionsWithInputSplit((split, records) -> {
      int f = fileIndex.get(((FileSplit) split).getPath().toUri().getPath());
      return new BlockIterator<>(records, new TextRecords(f, parser, header), shape, errors);
    }, false);
    return Partitions.resize(blocks, partitions);
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
}
