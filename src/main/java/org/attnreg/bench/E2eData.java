package org.attnreg.bench;

import java.util.Locale;

/** The planted CSV instances of the e2e section, made by {@code jobs/generate}. */
final class E2eData {
  private E2eData() {}

  /**
   * One instance file.
   *
   * @param noise standard deviation of {@code generate --noise} (added to b)
   * @param relativeNoise σ of the multiplicative noise {@code b·(1 + σg)} applied afterwards (0: none)
   */
  record Instance(String family, long n, int d, double noise, double relativeNoise) {
    /** The directory name: every parameter, so that a reused file is always the same instance. */
    String name() {
      String s = String.format(Locale.ROOT, "%s-%dx%d", family, n, d);
      if (noise > 0) {
        s += String.format(Locale.ROOT, "-noise%s", noise);
      }
      if (relativeNoise > 0) {
        s += String.format(Locale.ROOT, "-mult%s", relativeNoise);
      }
      return s;
    }

    String setting() {
      return "n=" + n + " d=" + d;
    }
  }
}
