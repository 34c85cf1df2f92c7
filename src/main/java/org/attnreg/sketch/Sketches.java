package org.attnreg.sketch;

import java.util.List;
import java.util.Locale;
import org.attnreg.stats.Curvature;

/**
 * Builds a sketched {@link Curvature} from command-line style settings
 * ({@code --sketch gauss-newton|leverage|sparse-sign|gaussian --sketch-size m --epsilon ε --seed S}).
 */
public final class Sketches {
  /** The sketch kinds, in the order the CLI lists them. */
  public static final List<String> KINDS = List.of("gauss-newton", "leverage", "sparse-sign", "gaussian");

  private Sketches() {}

  /**
   * A sketched curvature.
   *
   * @param kind one of {@link #KINDS} (case-insensitive)
   * @param sketchSize m &gt; 0 for an explicit size (rows of a linear sketch, expected kept rows of
   *     the leverage sampler), or 0 to derive it from epsilon by the {@link SketchSize} rules
   * @param epsilon target spectral accuracy in (0, 1); ignored when sketchSize &gt; 0
   * @param seed the seed every random choice derives from, with the iteration and the row id
   * @throws IllegalArgumentException naming the offending setting
   */
  public static Curvature create(String kind, int sketchSize, double epsilon, long seed) {
    if (kind == null) {
      throw new IllegalArgumentException("sketch kind is missing; expected one of " + KINDS);
    }
    SketchSize size = size(sketchSize, epsilon);
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "gauss-newton" -> new GaussNewtonSketch(size, seed);
      case "leverage" -> new LeverageSampler(size, seed);
      case "sparse-sign" -> new SparseSignSketch(size, seed);
      case "gaussian" -> new GaussianSketch(size, seed);
      default -> throw new IllegalArgumentException("unknown sketch kind '" + kind + "'; expected one of " + KINDS);
    };
  }

  private static SketchSize size(int sketchSize, double epsilon) {
    if (sketchSize < 0) {
      throw new IllegalArgumentException("--sketch-size must be positive, or 0 to derive it from --epsilon: "
          + sketchSize);
    }
    if (sketchSize > 0) {
      return SketchSize.ofRows(sketchSize);
    }
    if (!(epsilon > 0.0 && epsilon < 1.0)) {
      throw new IllegalArgumentException("--epsilon must be in (0, 1) when --sketch-size is not given: " + epsilon);
    }
    return SketchSize.ofEpsilon(epsilon);
  }
}
