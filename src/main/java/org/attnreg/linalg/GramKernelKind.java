package org.attnreg.linalg;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which {@link GramKernel} a solve uses, as the driver sends it with every pass: an executor turns it
 * back into the kernel through a {@link GramKernelLoader}, so every task of every pass (retries and
 * resumes included) adds its Gram with the same arithmetic.
 */
public enum GramKernelKind {
  /** Native BLAS {@code dsyrk} ({@link NativeSyrkGram}), only where netlib loaded a native library. */
  NATIVE(1),
  /** The register-tiled Vector-API kernel ({@link TiledGram}), where {@code jdk.incubator.vector} is present. */
  VECTOR(2),
  /** The scalar loop ({@link ScalarKernels#addGramLower}), available everywhere. */
  SCALAR(3);

  /** The stable number a checkpoint stores (never the ordinal, which a new kind would shift). */
  private final long code;

  GramKernelKind(long code) {
    this.code = code;
  }

  /** The name the {@code --gram-kernel} option and the summary use: the kind's own, in lower case. */
  public String option() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stable number a checkpoint stores (never the ordinal, which a new kind would shift). */
  public long code() {
    return code;
  }

  /**
   * The kind stored as {@code code}.
   *
   * @throws IllegalArgumentException for a number no kind has
   */
  public static GramKernelKind ofCode(long code) {
    return Arrays.stream(values()).filter(k -> k.code == code).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(code + " is not a Gram kernel (known: "
            + Arrays.stream(values()).map(k -> k.code + " = " + k.option()).toList() + ")"));
  }

  /** The pure-JVM kernel of a JVM that has the Vector API or not: what a solve never does worse than. */
  public static GramKernelKind builtIn(boolean vectorApi) {
    return vectorApi ? VECTOR : SCALAR;
  }
}
