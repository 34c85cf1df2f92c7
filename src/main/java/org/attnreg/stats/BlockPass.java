package org.attnreg.stats;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * One pass over a partitioned collection of elements (row blocks, or row-block pairs): every
 * partition folds its elements, in order, into its own copy of the identity {@code zero}, and the
 * partials are merged. A {@link PassRunner} runs it, over Spark or in this JVM, with the same
 * functions, so both give the same sums.
 *
 * <p>{@code parameter} (the point, a line-search batch) is what every element needs and is the same
 * for all of them: a Spark runner ships it once per pass (in the task closure when small, else as
 * a broadcast). The functions must therefore not capture it; they receive it as an argument.
 *
 * <p>{@code zero} is shipped, not its value: a Spark runner calls it once per task on the executor,
 * so a task closure weighs what the supplier captures (a family, a dimension), never an identity
 * that may hold d × d arrays. It must therefore be deterministic and capture only small values.
 *
 * @param name what the pass computes, for job descriptions and logs (e.g. {@code "iteration 3: value pass"})
 * @param parameter handed to {@code add} with every element; may be null
 * @param zero a fresh identity on each call (on the driver, and once per task on an executor)
 * @param add folds one element into a partial; may return its first argument, updated
 * @param merge combines two partials; may return its first argument, updated
 * @param <T> the element type
 * @param <P> the parameter type
 * @param <A> the aggregate type
 */
public record BlockPass<T, P, A>(String name, P parameter, Zero<A> zero, Add<T, P, A> add, Merge<A> merge) {

  /** Builds a fresh identity. */
  @FunctionalInterface
  public interface Zero<A> extends Supplier<A>, Serializable {}

  /** Folds one element into a partial. */
  @FunctionalInterface
  public interface Add<T, P, A> extends Serializable {
    A add(A partial, T element, P parameter);
  }

  /** Combines two partials. */
  @FunctionalInterface
  public interface Merge<A> extends Serializable {
    A merge(A left, A right);
  }
}
