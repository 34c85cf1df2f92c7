package org.attnreg.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The one registry of problem families, by command-line id. Adding a family is one entry here. */
public final class LossFamilies {
  private static final Map<String, Supplier<LossFamily>> FAMILIES = registry(
      SoftmaxRegression::softmax,
      SoftmaxRegression::softmaxRelu,
      () -> new HyperbolicRegression(HyperbolicFunction.EXP),
      () -> new HyperbolicRegression(HyperbolicFunction.COSH),
      () -> new HyperbolicRegression(HyperbolicFunction.SINH),
      () -> new RescaledRegression(HyperbolicFunction.EXP),
      () -> new RescaledRegression(HyperbolicFunction.COSH),
      () -> new RescaledRegression(HyperbolicFunction.SINH));

  private LossFamilies() {}

  /** An immutable map from each family's own id to its constructor, in the order given. */
  @SafeVarargs
  private static Map<String, Supplier<LossFamily>> registry(Supplier<LossFamily>... families) {
    Map<String, Supplier<LossFamily>> byId = new LinkedHashMap<>();
    for (Supplier<LossFamily> family : families) {
      String id = family.get().id();
      if (byId.putIfAbsent(id, family) != null) {
        throw new IllegalStateException("two families registered as '" + id + "'");
      }
    }
    return Collections.unmodifiableMap(byId);
  }

  /** The family with this id; the message lists the known ids otherwise. */
  public static LossFamily byId(String id) {
    Supplier<LossFamily> family = FAMILIES.get(id);
    if (family == null) {
      throw new IllegalArgumentException("unknown family '" + id + "'; known families: " + ids());
    }
    return family.get();
  }

  /** The registered ids, in registration order. */
  public static List<String> ids() {
    return List.copyOf(FAMILIES.keySet());
  }
}
