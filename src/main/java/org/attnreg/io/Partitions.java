package org.attnreg.io;

import org.apache.spark.api.java.JavaRDD;

/** Brings an RDD to the requested partition count. */
final class Partitions {
  private Partitions() {}

  /** Coalesces without a shuffle when there are too many partitions, repartitions when too few. */
  static <T> JavaRDD<T> resize(JavaRDD<T> rdd, int partitions) {
    int current = rdd.getNumPartitions();
    if (current > partitions) {
      return rdd.coalesce(partitions);
    }
    return current < partitions ? rdd.repartition(partitions) : rdd;
  }
}
