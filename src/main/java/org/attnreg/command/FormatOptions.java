package org.attnreg.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.io.InputCheck;
import org.attnreg.io.InputFormat;
import org.attnreg.io.ReadOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the rows are laid out and cached: format, CSV header and columns, Parquet columns, row weights,
 * d, blocks, storage and partitions. Every command that reads rows mixes these in, whether its
 * {@code --input} is required ({@link InputOptions}) or not ({@code icl}).
 */
public final class FormatOptions {
  @Option(names = "--format", paramLabel = "FORMAT",
      description = "libsvm, csv or parquet (default: from the extension of the path or of its first file).")
  public String format;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
      description = "Partitions of the cached blocks (default: Spark's default parallelism).")
  public int partitions;

  @Option(names = "--header", description = "CSV: the first line of each file is a header.")
  public boolean header;

  @Option(names = "--label-column", paramLabel = "K", defaultValue = "0",
      description = "CSV: 0-based column holding b (default: ${DEFAULT-VALUE}).")
  public int labelColumn;

  @Option(names = "--label-col", paramLabel = "NAME", defaultValue = "b",
      description = "Parquet: column holding b (default: ${DEFAULT-VALUE}).")
  public String labelCol;

  @Option(names = "--features-col", paramLabel = "NAME", defaultValue = "features",
      description = "Parquet: column holding the row (ML vector or array<double>; default: ${DEFAULT-VALUE}).")
  public String featuresCol;

  @Option(names = "--weight-column", paramLabel = "K", defaultValue = "-1",
      description = "CSV: 0-based column holding each row's regulariser weight w_i ≥ 0, so that W = diag(w_i)"
          + " (default: none).")
  public int weightColumn = -1; // also where a command drops the option (icl), and picocli applies no default

  @Option(names = "--weight-col", paramLabel = "NAME",
      description = "Parquet: numeric column holding each row's regulariser weight w_i ≥ 0, so that W = diag(w_i)"
          + " (default: none).")
  public String weightCol;

  @Option(names = "--num-features", paramLabel = "D", defaultValue = "0",
      description = "LIBSVM: the dimension d (default: the largest index seen).")
  public int numFeatures;

  @Option(names = "--max-d", paramLabel = "D", defaultValue = "" + ReadOptions.DEFAULT_MAX_FEATURES,
      description = "The largest d accepted (default: ${DEFAULT-VALUE}, at most " + ReadOptions.LARGEST_MAX_FEATURES
          + "): a wider row or a larger LIBSVM index is refused as it is read (exit code 3), before memory is"
          + " sized for it.")
  public int maxD;

  @Option(names = "--block-rows", paramLabel = "K", defaultValue = "0",
      description = "Rows per cached block (default: about 1 MiB of doubles, 256..4096).")
  public int blockRows;

  @Mixin
  public StorageOption storage = new StorageOption();

  /** Whether the rows carry their own regulariser weights (a weight column is named). */
  public boolean rowWeights() {
    return weightColumn >= 0 || weightCol != null;
  }

  /**
   * The checks of {@code path} read with these options that need no Spark: the options, that the
   * path exists and holds files, and their format by name and first bytes.
   *
   * @return the format the input will be read in
   * @throws IllegalArgumentException for a bad option (exit code 2)
   * @throws org.attnreg.io.DataFormatException for a missing input or content in the wrong format (exit code 3)
   */
  public InputFormat checkInput(Configuration conf, String path) {
    return InputCheck.check(conf, path, toReadOptions(0));
  }

  /**
   * The validated read options; messages name the option.
   *
   * @param defaultPartitions the partitions when {@code --partitions} is not given (0: Spark's default parallelism)
   */
  public ReadOptions toReadOptions(int defaultPartitions) {
    InputFormat f = format == null ? null : parseFormat(format); // null: from the path or its first file
    StorageLevel level = storage.level();
    int parts = partitions > 0 ? partitions : defaultPartitions;
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions: must be ≥ 1, got " + partitions);
    }
    if (blockRows < 0) {
      throw new IllegalArgumentException("--block-rows: must be ≥ 1, or 0 for the default, got " + blockRows);
    }
    if (labelColumn < 0) {
      throw new IllegalArgumentException("--label-column: must be a 0-based column number, got " + labelColumn);
    }
    if (numFeatures < 0) {
      throw new IllegalArgumentException("--num-features: must be ≥ 1, or 0 to take the largest index seen, got "
          + numFeatures);
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

  public static InputFormat parseFormat(String name) {
    try {
      return InputFormat.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format: unknown format '" + name + "'; use libsvm, csv or parquet");
    }
  }

  /** The options that shape the instance read, by name (a resume must use the same). */
  public Map<String, Object> identity() {
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
