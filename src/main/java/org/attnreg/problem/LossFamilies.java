package org.attnreg.problem;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry of problem families by command-line id. {@link #standard()} is the one every command
 * uses; adding a family to the product is one entry there. A caller with a family of its own (a test,
 * a library user) builds a registry of its own with {@link #with}, so the standard one never changes.
 */
public final class LossFamilies implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final LossFamilies STANDARD = new LossFamilies(List.of(
      SoftmaxRegression.softmax(),
      SoftmaxRegression.softmaxRelu(),
      new HyperbolicRegression(HyperbolicFunction.EXP),
      new HyperbolicRegression(HyperbolicFunction.COSH),
      new HyperbolicRegression(HyperbolicFunction.SINH),
      new RescaledRegression(HyperbolicFunction.EXP),
      new RescaledRegression(HyperbolicFunction.COSH),
      new RescaledRegression(HyperbolicFunction.SINH)));

  private final Map<String, LossFamily> byId;

  private LossFamilies(List<LossFamily> families) {
    Map<String, LossFamily> map = new LinkedHashMap<>();
    for (LossFamily family : families) {
      if (map.putIfAbsent(family.id(), family) != null) {
        throw new IllegalStateException("two families registered as '" + family.id() + "'");
      }
    }
    this.byId = Collections.unmodifiableMap(map);
  }

  /** The product's families. */
  public static LossFamilies standard() {
    return STANDARD;
  }

  /** A new registry with these families as well (each id once). */
  public LossFamilies with(LossFamily... more) {
    List<LossFamily> all = new ArrayList<>(byId.values());
    all.addAll(List.of(more));
    return new LossFamilies(all);
  }

  /** The family with this id; the message lists the known ids otherwise. */
  public LossFamily family(String id) {
    LossFamily family = byId.get(id);
    if (family == null) {
      throw new IllegalArgumentException("unknown family '" + id + "'; known families: " + known());
    }
    return family;
  }

  /** The registered ids, in registration order. */
  public List<String> known() {
    return List.copyOf(byId.keySet());
  }

  /** {@code standard().family(id)}. */
  public static LossFamily byId(String id) {
    return STANDARD.family(id);
  }

  /** {@code standard().known()}. */
  public static List<String> ids() {
    return STANDARD.known();
  }
}
