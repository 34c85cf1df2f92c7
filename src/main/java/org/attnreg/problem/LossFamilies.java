package org.attnreg.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The one registry of problem families, by command-line id. Adding a family is one line here. */
public final class LossFamilies {
  private static final Map<String, Supplier<LossFamily>> FAMILIES = new LinkedHashMap<>();

  static {
    FAMILIES.put("softmax", SoftmaxRegression::softmax);
  }

  private LossFamilies() {}

  /** The family with this id; the message lists the known ids otherwise. */
  public static LossFamily byId(String id) {
    Supplier<LossFamily> family = FAMILIES.get(id);
    if (family == null) {
      throw new IllegalArgumentException("unknown family '" + id + "'; known families: " + ids());
    }
    return family.get();
  }

  public static List<String> ids() {
    return List.copyOf(FAMILIES.keySet());
  }
}
