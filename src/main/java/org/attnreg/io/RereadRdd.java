package org.attnreg.io;

import java.util.List;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.util.SerializableConfiguration;
import org.attnreg.linalg.RowBlock;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * The blocks of text splits read on the driver ({@link TextSource#readHere}), as an RDD whose
 * partition p reads split p again exactly so: the lineage of the blocks an early read caches, so
 * that a partition the block manager drops is read again from its file. A class of its own, not a
 * lambda over a parallelised list, because making it must cost nothing in a new session: Spark's
 * closure cleaning of the first lambda it sees (class loading, reading the capturing class's
 * bytecode) takes some 0.3 s there, and a Hadoop RDD broadcasts its configuration.
 */
final class RereadRdd extends RDD<RowBlock> {
  private static final long serialVersionUID = 1L;

  private final SerializableConfiguration job;
  private final List<TextSource.SplitRef> splits;
  private final TextFormat format;
  private final boolean header;
  private final BlockAssembler.Shape shape;
  private final RowErrors errors;

  private RereadRdd(JavaSparkContext sc, TextSource.Splits splits, TextFormat format, boolean header,
      BlockAssembler.Shape shape, RowErrors errors) {
    super(sc.sc(), noDependencies(), ClassTag$.MODULE$.apply(RowBlock.class));
    this.job = new SerializableConfiguration(splits.job());
    this.splits = splits.refs();
    this.format = format;
    this.header = header;
    this.shape = shape;
    this.errors = errors;
  }

  static JavaRDD<RowBlock> of(JavaSparkContext sc, TextSource.Splits splits, TextFormat format, boolean header,
      BlockAssembler.Shape shape, RowErrors errors) {
    return new RereadRdd(sc, splits, format, header, shape, errors).toJavaRDD();
  }

  @SuppressWarnings("unchecked")
  private static Seq<org.apache.spark.Dependency<?>> noDependencies() {
    return (Seq<org.apache.spark.Dependency<?>>) (Seq<?>) CollectionConverters.asScala(List.of()).toList();
  }

  @Override
  public Partition[] getPartitions() {
    Partition[] out = new Partition[splits.size()];
    for (int p = 0; p < out.length; p++) {
      out[p] = new SplitPartition(p);
    }
    return out;
  }

  @Override
  public scala.collection.Iterator<RowBlock> compute(Partition partition, TaskContext context) {
    return CollectionConverters.asScala(
        TextSource.readSplit(splits.get(partition.index()), job.value(), format, header, shape, errors).iterator());
  }

  /** Partition p: split p. */
  private static final class SplitPartition implements Partition {
    private static final long serialVersionUID = 1L;
    private final int index;

    SplitPartition(int index) {
      this.index = index;
    }

    @Override
    public int index() {
      return index;
    }

    /** What the trait's equals calls (compiled Scala, invisible to javac): identity, as the trait means. */
    public boolean org$apache$spark$Partition$$super$equals(Object other) {
      return super.equals(other);
    }
  }
}
