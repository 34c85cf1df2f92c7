package org.attnreg.solver;

import java.util.List;

/**
 * The outcome of a solve: always the best point reached, with its status and full trace.
 *
 * @param x the last accepted iterate
 * @param status how the solve ended
 * @param message a one-line explanation of the status
 * @param iterations accepted Newton steps
 * @param loss the exact loss at x
 * @param gradientNorm ‖∇L(x)‖
 * @param trace one record per iterate, starting at x₀
 * @param valuePasses value passes over the data in total
 * @param derivativePasses derivative passes over the data in total
 * @param warnings what the user should know about this solve (damping used, traps met), in order
 */
public record SolveResult(double[] x, Status status, String message, int iterations, double loss,
    double gradientNorm, List<IterationRecord> trace, int valuePasses, int derivativePasses,
    List<String> warnings) {

  public boolean converged() {
    return status == Status.CONVERGED;
  }

  /** The same outcome with these warnings instead. */
  public SolveResult withWarnings(List<String> newWarnings) {
    return new SolveResult(x, status, message, iterations, loss, gradientNorm, trace, valuePasses, derivativePasses,
        List.copyOf(newWarnings));
  }

  /** The same outcome with another status and its message. */
  public SolveResult withStatus(Status newStatus, String newMessage) {
    return new SolveResult(x, newStatus, newMessage, iterations, loss, gradientNorm, trace, valuePasses,
        derivativePasses, warnings);
  }
}
