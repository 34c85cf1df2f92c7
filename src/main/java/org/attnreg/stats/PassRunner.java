package org.attnreg.stats;

/**
 * Runs {@link BlockPass}es over one partitioned collection of elements. Each call is exactly one
 * pass over the data; implementations merge the partitions' partials in partition order wherever
 * they can, so that a pass's sums do not depend on which task finished first.
 *
 * @param <T> the element type
 */
public interface PassRunner<T> {

  /** The merged aggregate of one pass (not yet finished: the caller turns it into a result). */
  <P, A> A run(BlockPass<T, P, A> pass);
}
