package org.attnreg.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.io.InputFormat;
import org.attnreg.io.ReadOptions;
import picocli.CommandLine.Option;

/**
 * How the rows are laid out and cached: format, CSV header and columns, Parquet columns, row weights,
 * d, blocks, storage and partitions. Every command that reads rows mixes these in, whether its
 * {@code --input} is required ({@link InputOptions}) or not ({@code icl}).
 */
public final class FormatOptions {
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
  int weightColumn = -1; // also where a command drops the option (icl), and picocli applies no default

  @Option(names = "--weight-col", paramLabel = "NAME",
      description = "Parquet: numeric column holding each row's regulariser weight w_i ≥ 0, so that W = diag(w_i)"
          + " (default: none).")
  String weightCol;

  @Option(names = "--num-features", paramLabel = "D", defaultValue = "0",
      description = "LIBSVM: the dimension d (default: the largest index seen).")
  int numFeatures;

  @Option(names = "--max-d", paramLabel = "D", defaultValue = "" + ReadOptions.DEFAULT_MAX_FEATURES,
      description = "The largest d accepted (default: ${DEFAULT-VALUE}, at most " + ReadOptions.LARGEST_MAX_FEATURES
          + "): a wider row or a larger LIBSVM index is refused as it is read (exit code 3), before memory is"
          + " sized for it.")
  int maxD;

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
    if (maxD < 1 || maxD > ReadOptions.LARGEST_MAX_FEATURES) {
      throw new IllegalArgumentException("--max-d: must be in 1.." + ReadOptions.LARGEST_MAX_FEATURES
          + " (a d×d matrix must fit one Java array), got " + maxD);
    }
    if (numFeatures > maxD) {
      throw new IllegalArgumentException("--num-features " + numFeatures + " is above --max-d " + maxD
          + ": raise --max-d (at most " + ReadOptions.LARGEST_MAX_FEATURES + ") if the memory allows d×d matrices"
          + " of that size");
    }
    return new ReadOptions(f, parts, header, labelColumn, labelCol, featuresCol, weightColumn, weightCol, numFeatures,
        blockRows, level, maxD);
  }

  static InputFormat parseFormat(String name) {
    try {
      return InputFormat.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: unknown format '" + name + "'; use libsvm, csv or parquet");
    }
  }

  /** The options that shape the instance read, by name (a resume must use the same). */
  Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", formatName());
    m.put("header", header);
    m.put("label_column", labelColumn);
    m.put("label_col", labelCol);
    m.put("features_col", featuresCol);
    m.put("weight_column", weightColumn);
    m.put("weight_col", weightCol == null ? "" : weightCol);
    m.put("num_features", numFeatures);
    return m;
  }

  /** The format as given, or "auto" when it is inferred from the path. */
  public String formatName() {
    return format == null ? "auto" : format.toLowerCase(Locale.ROOT);
  }
}
