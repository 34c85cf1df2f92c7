package org.attnreg.io;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.attnreg.linalg.RowBlock;

/**
 * Rows of A and b, validated and cached as blocks.
 *
 * @param blocks the cached blocks; each row carries a stable global id (same row, same id, whatever
 *     the partitioning)
 * @param n number of rows
 * @param d number of columns of A
 * @param nnz stored non-zeros (n·d for dense input)
 * @param partitions partitions of {@code blocks} (some may be empty)
 * @param files the files read, fully qualified, in row-id order
 * @param fingerprint a SHA-256 over the files' paths, sizes and modification times, to recognise
 *     the same input later (checkpoint and resume)
 * @param rowWeighted whether every row carries its own regulariser weight w_i ({@link RowBlock#w2()})
 * @param readBy what read the rows: {@link #BY_SPARK} or {@link #BY_DRIVER} ({@link EarlyLoad})
 */
public record LoadedData(JavaRDD<RowBlock> blocks, long n, int d, long nnz, int partitions, List<String> files,
    String fingerprint, boolean rowWeighted, String readBy) {
  /** Rows read by the load's Spark job. */
  public static final String BY_SPARK = "spark job";
  /** Rows read on the driver while the Spark session started ({@link EarlyLoad}). */
  public static final String BY_DRIVER = "driver, while Spark started";

  public LoadedData {
    files = List.copyOf(files);
  }

  /** Drops the cached blocks (without waiting). */
  public void unpersist() {
    blocks.unpersist(false);
  }
}
