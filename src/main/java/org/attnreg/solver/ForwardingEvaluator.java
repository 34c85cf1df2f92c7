package org.attnreg.solver;

import org.attnreg.linalg.RowBlock;
import org.attnreg.stats.BlockPass;
import org.attnreg.stats.Problem;

/**
 * An evaluator that runs its passes through another one and changes only some of the solver's
 * passes (the diagnosing evaluator, the Gram kernel's fallback): the problem and any other pass are
 * the inner evaluator's.
 */
public abstract class ForwardingEvaluator implements Evaluator {
  /** The evaluator every pass finally runs on. */
  protected final Evaluator inner;

  protected ForwardingEvaluator(Evaluator inner) {
    this.inner = inner;
  }

  @Override
  public final Problem problem() {
    return inner.problem();
  }

  @Override
  public final <P, A> A pass(BlockPass<RowBlock, P, A> pass) {
    return inner.pass(pass);
  }
}
