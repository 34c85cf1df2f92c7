package org.attnreg.linalg;

import java.util.Arrays;
import java.util.Locale;

/** The {@code --gram-kernel} option: {@code auto} (the probe chooses) or one kernel forced. */
public enum GramKernelMode {
  AUTO(null),
  NATIVE(GramKernelKind.NATIVE),
  VECTOR(GramKernelKind.VECTOR),
  SCALAR(GramKernelKind.SCALAR);

  private final GramKernelKind forced;

  GramKernelMode(GramKernelKind forced) {
    this.forced = forced;
  }

  /** The forced kernel, or null for {@code auto}. */
  public GramKernelKind forced() {
    return forced;
  }

  /**
   * The mode named {@code text} ({@code auto}, {@code native}, {@code vector}, {@code scalar}).
   *
   * @throws IllegalArgumentException naming the option and the value otherwise
   */
  public static GramKernelMode parse(String text) {
    return Arrays.stream(values()).filter(m -> m.name().toLowerCase(Locale.ROOT).equals(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--gram-kernel: must be auto, native, vector or scalar, got '"
            + text + "'"));
  }
}
