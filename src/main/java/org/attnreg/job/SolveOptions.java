package org.attnreg.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnreg.problem.LossFamilies;
import org.attnreg.problem.LossFamily;
import org.attnreg.problem.Regularizer;
import org.attnreg.sketch.HessianChoice;
import org.attnreg.sketch.Sketches;
import org.attnreg.solver.SolverConfig;
import org.attnreg.stats.Curvature;

/**
 * The options of one solve, shared by the command line and the Spark ML estimator, validated here
 * once, before any Spark job runs. Every message names the option and the offending value.
 *
 * @param family the problem family id (see {@link LossFamilies#ids()})
 * @param regW the uniform row weight w of the regulariser ½‖WAx‖² (W = w·I); 0 when the rows carry
 *     their own weights w_i (W = diag(w_i))
 * @param ridge the ridge coefficient λ of ½λ‖x‖²
 * @param tolerance stop when ‖∇L‖ ≤ tolerance·‖∇L(x₀)‖
 * @param maxIterations the most Newton steps
 * @param seed the seed of every random choice (sketches)
 * @param hessian {@code exact}, {@code sketch} or {@code auto} (a cost model decides from n, d, nnz)
 * @param sketch the sketch kind when sketching: {@code leverage}, {@code sparse-sign} or {@code gaussian}
 * @param sketchSize sketch rows m (0: derived from epsilon)
 * @param epsilon the target spectral accuracy of the sketched Hessian part when sketchSize is 0
 * @param families the registry {@code family} names a family of (the standard one unless a caller brings its own;
 *     not saved with a model, which is read back with the standard one)
 */
public record SolveOptions(String family, double regW, double ridge, double tolerance, int maxIterations, long seed,
    String hessian, String sketch, int sketchSize, double epsilon, @JsonIgnore LossFamilies families) implements Serializable {

  public static final String DEFAULT_FAMILY = "softmax";
  public static final String DEFAULT_HESSIAN = "auto";
  public static final String DEFAULT_SKETCH = "gauss-newton";
  public static final double DEFAULT_EPSILON = 0.5;

  public SolveOptions {
    families = families == null ? LossFamilies.standard() : families; // e.g. options read back from a saved model
    if (family == null || !families.known().contains(family)) {
      throw new IllegalArgumentException("--family: unknown family '" + family + "'; known: " + families.known());
    }
    if (!Double.isFinite(regW) || regW < 0.0) {
      throw new IllegalArgumentException("--reg-w: must be finite and ≥ 0, got " + regW);
    }
    if (!Double.isFinite(ridge) || ridge < 0.0) {
      throw new IllegalArgumentException("--ridge: must be finite and ≥ 0, got " + ridge);
    }
    if (!(tolerance > 0.0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("--tol: must be finite and > 0, got " + tolerance);
    }
    if (maxIterations < 0) {
      throw new IllegalArgumentException("--max-iter: must be ≥ 0, got " + maxIterations);
    }
    if (!HessianChoice.MODES.contains(hessian)) {
      throw new IllegalArgumentException("--hessian: must be exact, sketch or auto, got '" + hessian + "'");
    }
    sketchCurvature(sketch, sketchSize, epsilon, seed); // validates --sketch, --sketch-size, --epsilon
  }

  /** Options for a family of the standard registry. */
  public SolveOptions(String family, double regW, double ridge, double tolerance, int maxIterations, long seed,
      String hessian, String sketch, int sketchSize, double epsilon) {
    this(family, regW, ridge, tolerance, maxIterations, seed, hessian, sketch, sketchSize, epsilon,
        LossFamilies.standard());
  }

  private static Curvature sketchCurvature(String sketch, int sketchSize, double epsilon, long seed) {
    try {
      return Sketches.create(sketch, sketchSize, epsilon, seed);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new IllegalArgumentException(message.startsWith("--") ? message : "--sketch: " + message, e);
    }
  }

  /**
   * How the Hessian's Gram part is accumulated for an instance of this shape, and why ({@code auto}
   * measures the kernels once, here).
   */
  public HessianChoice.Selection curvature(long n, int d, long nnz, int partitions) {
    return HessianChoice.select(hessian, sketchCurvature(sketch, sketchSize, epsilon, seed),
        new HessianChoice.Shape(n, d, nnz, partitions));
  }

  /** Every curvature these options may select, measured or not: what a checkpoint of theirs may hold. */
  public List<Curvature> curvatureCandidates() {
    return HessianChoice.candidates(hessian, sketchCurvature(sketch, sketchSize, epsilon, seed));
  }

  /** The defaults for {@code family}. */
  public static SolveOptions defaults(String family) {
    return new SolveOptions(family, 0.0, 0.0, SolverConfig.DEFAULT_TOLERANCE, SolverConfig.DEFAULT_MAX_ITERATIONS, 0L,
        DEFAULT_HESSIAN, DEFAULT_SKETCH, 0, DEFAULT_EPSILON);
  }

  public LossFamily lossFamily() {
    return families.family(family);
  }

  /**
   * The regulariser: W = w·I, or W = diag(w_i) when the rows carry their own weights (a weight column).
   *
   * @throws IllegalArgumentException when both a uniform w and row weights are given: it is not clear
   *     which one was meant
   */
  public Regularizer regularizer(boolean rowWeighted) {
    if (!rowWeighted) {
      return Regularizer.of(regW, ridge);
    }
    if (regW != 0.0) {
      throw new IllegalArgumentException("--reg-w: the rows carry their own regulariser weights w_i (a weight"
          + " column), so W = diag(w_i); leave --reg-w unset or drop the weight column, got --reg-w " + regW);
    }
    return new Regularizer(1.0, ridge);
  }

  public SolverConfig solverConfig() {
    return SolverConfig.defaults().withTolerance(tolerance).withMaxIterations(maxIterations);
  }

  /** The effective options, for summaries and reports. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", family);
    m.put("reg_w", regW);
    m.put("ridge", ridge);
    m.put("tol", tolerance);
    m.put("max_iter", maxIterations);
    m.put("seed", seed);
    m.put("hessian", hessian);
    m.put("sketch", sketch);
    m.put("sketch_size", sketchSize);
    m.put("epsilon", epsilon);
    return m;
  }
}
