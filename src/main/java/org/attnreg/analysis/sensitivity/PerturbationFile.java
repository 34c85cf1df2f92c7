package org.attnreg.analysis.sensitivity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.attnreg.io.LoadedData;
import org.attnreg.linalg.BlockBuilder;
import org.attnreg.linalg.DenseBlock;
import org.attnreg.linalg.RowBlock;
import org.attnreg.linalg.SparseEntries;
import scala.Tuple2;

/**
 * A perturbation E read from a file with the layout of the input (its label column is ignored),
 * matched to A's rows <em>by order</em>: the k-th row of E in row-id order (file, then position)
 * perturbs the k-th row of A. Row ids themselves hold byte offsets, which differ as soon as the two
 * files format their numbers differently, so ranks are matched instead. Only E moves: its rows are
 * sent to the partition holding their row of A and built into blocks aligned with A's blocks, which
 * stay where they are cached.
 */
public final class PerturbationFile {
  private PerturbationFile() {}

  /**
   * A's blocks paired with E's rows, cached ({@code MEMORY_AND_DISK}) and counted once.
   *
   * @throws IllegalArgumentException if E's shape differs from A's
   */
  public static JavaRDD<BlockPair> align(LoadedData a, LoadedData e) {
    if (e.n() != a.n() || e.d() > a.d()) {
      throw new IllegalArgumentException("--perturbation: E is " + e.n() + "×" + e.d() + " but A is " + a.n() + "×"
          + a.d() + "; E must have A's rows, in the same order");
    }
    int parts = a.blocks().getNumPartitions();
    JavaPairRDD<Long, Tuple2<Long, Integer>> aByRank = a.blocks()
        .mapPartitionsWithIndex(PerturbationFile::idsWithPartition, true)
        .mapToPair(t -> t).sortByKey(true, parts).zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2(), t._1()));
    JavaPairRDD<Long, SparseRow> eByRank = e.blocks().flatMapToPair(PerturbationFile::rows)
        .sortByKey(true, parts).zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2(), t._1()._2()));
    JavaPairRDD<Integer, Tuple2<Long, SparseRow>> eByPartition = aByRank.join(eByRank, parts)
        .mapToPair(t -> new Tuple2<>(t._2()._1()._2(), new Tuple2<>(t._2()._1()._1(), t._2()._2())))
        .partitionBy(new HashPartitioner(parts)); // an Integer k in [0, parts) hashes to k itself
    JavaRDD<BlockPair> pairs = a.blocks().zipPartitions(eByPartition, PerturbationFile::pairUp)
        .persist(StorageLevel.MEMORY_AND_DISK());
    pairs.count();
    return pairs;
  }

  private static Iterator<Tuple2<Long, Integer>> idsWithPartition(int partition, Iterator<RowBlock> blocks) {
    List<Tuple2<Long, Integer>> ids = new ArrayList<>();
    blocks.forEachRemaining(block -> {
      for (int i = 0; i < block.rows(); i++) {
        ids.add(new Tuple2<>(block.rowId(i), partition));
      }
    });
    return ids.iterator();
  }

  private static Iterator<Tuple2<Long, SparseRow>> rows(RowBlock block) {
    List<Tuple2<Long, SparseRow>> rows = new ArrayList<>(block.rows());
    for (int i = 0; i < block.rows(); i++) {
      rows.add(new Tuple2<>(block.rowId(i), SparseRow.of(block, i)));
    }
    return rows.iterator();
  }

  private static Iterator<BlockPair> pairUp(Iterator<RowBlock> aBlocks, Iterator<Tuple2<Integer, Tuple2<Long, SparseRow>>> eRows) {
    Map<Long, SparseRow> byId = new HashMap<>();
    eRows.forEachRemaining(t -> byId.put(t._2()._1(), t._2()._2()));
    List<BlockPair> pairs = new ArrayList<>();
    aBlocks.forEachRemaining(a -> pairs.add(new BlockPair(a, eBlock(a, byId))));
    return pairs.iterator();
  }

  /** E's rows for A's block, in A's storage kind, with A's row ids. */
  private static RowBlock eBlock(RowBlock a, Map<Long, SparseRow> byId) {
    BlockBuilder builder = new BlockBuilder(a.cols(), Math.max(1, a.rows()), !(a instanceof DenseBlock));
    for (int i = 0; i < a.rows(); i++) {
      SparseRow row = byId.get(a.rowId(i));
      if (row == null) {
        throw new IllegalArgumentException("--perturbation: no row of E matches data row id " + a.rowId(i));
      }
      builder.addSparse(a.rowId(i), 0.0, row.index(), row.value(), row.index().length);
    }
    return builder.build();
  }

  /** One row's non-zeros, ascending. */
  record SparseRow(int[] index, double[] value) implements Serializable {
    static SparseRow of(RowBlock block, int i) {
      SparseEntries nonZeros = new SparseEntries(8);
      block.forEachNonZero(i, nonZeros::add);
      return new SparseRow(Arrays.copyOf(nonZeros.columns(), nonZeros.size()),
          Arrays.copyOf(nonZeros.values(), nonZeros.size()));
    }
  }
}
