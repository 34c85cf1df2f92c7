package org.attnreg.io;

import java.util.Locale;

/** The input formats rows of A with their b_i can be read from. */
public enum InputFormat {
  /** Sparse text: {@code b i:v i:v ...} with 1-based ascending indices. */
  LIBSVM,
  /** Dense text: comma-separated numbers, b in a chosen column. */
  CSV,
  /** Parquet with a numeric label column and a vector or {@code array<double>} features column. */
  PARQUET;

  /**
   * The format named by the extension of {@code path} ({@code .libsvm}, {@code .svm}, {@code .csv},
   * {@code .parquet}; a trailing compression suffix such as {@code .gz} is ignored).
   *
   * @throws IllegalArgumentException naming the path when the extension is not one of those
   */
  public static InputFormat infer(String path) {
    InputFormat format = byName(path);
    if (format == null) {
      throw new IllegalArgumentException("cannot infer the input format of '" + path
          + "' from its name: expected a .libsvm, .svm, .csv or .parquet extension, or give the format");
    }
    return format;
  }

  /** Like {@link #infer} but null when the name does not tell. */
  static InputFormat byName(String path) {
    String name = withoutCompression(path);
    if (name.endsWith(".libsvm") || name.endsWith(".svm")) {
      return LIBSVM;
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    return name.endsWith(".parquet") ? PARQUET : null;
  }

  /** The extension that names the format, e.g. {@code .csv} for {@code part-0.csv.gz}, or "without extension". */
  static String extension(String fileName) {
    String name = withoutCompression(fileName);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "without extension" : name.substring(dot);
  }

  /** The lower-case name without trailing slashes and a compression suffix such as {@code .gz}. */
  private static String withoutCompression(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    for (String compression : new String[] {".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy"}) {
      if (name.endsWith(compression) && !name.endsWith(".snappy.parquet")) {
        name = name.substring(0, name.length() - compression.length());
      }
    }
    return name;
  }
}
