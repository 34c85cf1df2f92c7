package org.attnreg.cli;

import java.util.Locale;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.io.InputFormat;
import org.attnreg.io.ReadOptions;
import picocli.CommandLine.Option;

/** How to read the instance: the options every command that loads data shares. */
public final class InputOptions {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "File or directory of rows (any Hadoop file system: file://, hdfs://, …). Hidden files (_*, .*) are skipped.")
  String input;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "libsvm, csv or parquet (default: from the extension of the path or of its first file).")
  String format;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
      description = "Partitions of the cached blocks (default: Spark's default parallelism).")
  int partitions;

  @Option(names = "--header", description = "CSV: the first line of each file is a header.")
  boolean header;

  @Option(names = "--label-column", paramLabel = "K", defaultValue = "0",
      description = "CSV: 0-based column holding b (default: ${DEFAULT-VALUE}).")
  int labelColumn;

  @Option(names = "--label-col", paramLabel = "NAME", defaultValue = "b",
      description = "Parquet: column holding b (default: ${DEFAULT-VALUE}).")
  String labelCol;

  @Option(names = "--features-col", paramLabel = "NAME", defaultValue = "features",
      description = "Parquet: column holding the row (ML vector or array<double>; default: ${DEFAULT-VALUE}).")
  String featuresCol;

  @Option(names = "--weight-column", paramLabel = "K", defaultValue = "-1",
      description = "CSV: 0-based column holding each row's regulariser weight w_i ≥ 0, so that W = diag(w_i)"
          + " (default: none).")
  int weightColumn;

  @Option(names = "--weight-col", paramLabel = "NAME",
      description = "Parquet: numeric column holding each row's regulariser weight w_i ≥ 0, so that W = diag(w_i)"
          + " (default: none).")
  String weightCol;

  @Option(names = "--num-features", paramLabel = "D", defaultValue = "0",
      description = "LIBSVM: the dimension d (default: the largest index seen).")
  int numFeatures;

  @Option(names = "--block-rows", paramLabel = "K", defaultValue = "0",
      description = "Rows per cached block (default: about 1 MiB of doubles, 256..4096).")
  int blockRows;

  @Option(names = "--storage", paramLabel = "LEVEL", defaultValue = "MEMORY_ONLY",
      description = "Storage level of the cached blocks, e.g. MEMORY_ONLY or MEMORY_AND_DISK for data larger than memory (default: ${DEFAULT-VALUE}).")
  String storage;

  /** Whether the rows carry their own regulariser weights (a weight column is named). */
  public boolean rowWeights() {
    return weightColumn >= 0 || weightCol != null;
  }

  /** The validated read options; messages name the option. */
  ReadOptions toReadOptions(int defaultPartitions) {
    InputFormat f = format == null ? null : parseFormat(format); // null: from the path or its first file
    StorageLevel level;
    try {
      level = StorageLevel.fromString(storage.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--storage: unknown storage level '" + storage + "'");
    }
    int parts = partitions > 0 ? partitions : defaultPartitions;
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions: must be ≥ 1, got " + partitions);
    }
    if (weightColumn < -1 || weightColumn == labelColumn) {
      throw new IllegalArgumentException("--weight-column: must be a 0-based column other than --label-column ("
          + labelColumn + "), got " + weightColumn);
    }
    return new ReadOptions(f, parts, header, labelColumn, labelCol, featuresCol, weightColumn, weightCol, numFeatures,
        blockRows, level);
  }

  static InputFormat parseFormat(String name) {
    try {
      return InputFormat.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: unknown format '" + name + "'; use libsvm, csv or parquet");
    }
  }
}
