package org.attnreg.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.RDDBlockId;
import org.attnreg.linalg.RowBlock;
import scala.Option;

/**
 * The driver's handle on the very blocks Spark cached, for the plain-Java comparison loop: with an
 * embedded local master and deserialised in-memory storage the cached objects live in this JVM, so
 * the loop reads the same arrays as the Spark pass. Otherwise (a cluster, or blocks on disk) the
 * rows are regenerated on the driver from the same seed.
 */
final class LocalCopies {
  private LocalCopies() {}

  static List<RowBlock> of(Instances.Cached data) {
    List<RowBlock> cached = fromBlockManager(data);
    return cached != null ? cached : regenerate(data);
  }

  private static List<RowBlock> fromBlockManager(Instances.Cached data) {
    BlockManager bm = SparkEnv.get().blockManager();
    List<RowBlock> out = new ArrayList<>();
    for (int p = 0; p < data.partitions(); p++) {
      Option<BlockResult> found = bm.getLocalValues(new RDDBlockId(data.blocks().id(), p));
      if (found.isEmpty()) {
        return null;
      }
      // Draining the iterator also releases the read lock the block manager took.
      scala.collection.Iterator<Object> it = found.get().data();
      while (it.hasNext()) {
        out.add((RowBlock) it.next());
      }
    }
    return out;
  }

  private static List<RowBlock> regenerate(Instances.Cached data) {
    List<RowBlock> out = new ArrayList<>();
    Instances.labelled(data.instance(), data.xStar(), data.globals(), 0, data.instance().n())
        .forEachRemaining(out::add);
    return out;
  }
}
