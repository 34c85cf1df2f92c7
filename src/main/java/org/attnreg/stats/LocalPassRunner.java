package org.attnreg.stats;

import java.util.List;

/**
 * Runs passes over elements held in this JVM, each inner list playing the part of one partition: the
 * same fold and the same partition-ordered merge as a Spark pass at tree depth 1, so a local and a
 * distributed pass over the same partitions give the same bits.
 */
public final class LocalPassRunner<T> implements PassRunner<T> {
  private final List<List<T>> partitions;

  public LocalPassRunner(List<List<T>> partitions) {
    this.partitions = partitions.stream().map(List::copyOf).toList();
  }

  @Override
  public <P, A> A run(BlockPass<T, P, A> pass) {
    A total = pass.zero().get();
    for (List<T> partition : partitions) {
      A partial = pass.zero().get();
      for (T element : partition) {
        partial = pass.add().add(partial, element, pass.parameter());
      }
      total = pass.merge().merge(total, partial);
    }
    return total;
  }
}
