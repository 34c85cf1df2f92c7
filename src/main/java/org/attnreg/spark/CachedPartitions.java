package org.attnreg.spark;

import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Puts partitions computed in the driver JVM into the local block manager as the cached partitions of
 * an RDD, as if a job had computed and cached them: later jobs and {@link DriverPasses} find them
 * there, and a partition the block manager drops later is recomputed from the RDD's own lineage. Only
 * for a local master, whose block manager is the one every task reads.
 */
public final class CachedPartitions {
  private CachedPartitions() {}

  /**
   * Caches {@code partitions} as the partitions of {@code rdd} (persisted deserialised in memory, with
   * as many partitions), reporting each to the block manager master.
   *
   * @return whether every partition was stored; when one is not (no room), none stays and the RDD
   *     is unpersisted, so a job computes it as usual
   * @throws IllegalArgumentException when the RDD's partitions or storage level do not fit
   */
  public static <T> boolean put(JavaRDD<T> rdd, List<List<T>> partitions, Class<T> type) {
    StorageLevel level = rdd.getStorageLevel();
    if (!level.useMemory() || !level.deserialized() || rdd.getNumPartitions() != partitions.size()) {
      throw new IllegalArgumentException("cannot cache " + partitions.size() + " partitions as RDD " + rdd.id()
          + " (" + rdd.getNumPartitions() + " partitions, " + level.description() + ")");
    }
    BlockManager manager = SparkEnv.get().blockManager();
    ClassTag<T> tag = ClassTag$.MODULE$.apply(type);
    for (int p = 0; p < partitions.size(); p++) {
      RDDBlockId id = RDDBlockId.apply(rdd.id(), p);
      if (!manager.putIterator(id, CollectionConverters.asScala(partitions.get(p).iterator()), level, true, tag)) {
        rdd.unpersist(true);
        return false;
      }
    }
    return true;
  }
}
