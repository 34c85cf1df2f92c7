package org.attnreg.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.Serializable;

/**
 * Turns a {@link GramKernelKind} into the kernel in the JVM that runs a task. It travels with the
 * pass (hence serializable); {@link #SYSTEM} looks at what this JVM has loaded, tests inject others.
 */
public interface GramKernelLoader extends Serializable {
  /** The JVM's own kernels: native dsyrk when netlib loaded a native BLAS, the Vector API when present. */
  GramKernelLoader SYSTEM = new SystemKernels();

  /**
   * The kernel of this kind in this JVM.
   *
   * @throws GramKernelUnavailableException when this JVM cannot run it
   */
  GramKernel load(GramKernelKind kind);

  /** Whether {@link #load} would succeed for {@code kind}. */
  default boolean available(GramKernelKind kind) {
    try {
      load(kind);
      return true;
    } catch (GramKernelUnavailableException e) {
      return false;
    }
  }

  /** The built-in kernel of the JVM this loader describes: the Vector API one if it loads, else the scalar one. */
  default GramKernelKind builtIn() {
    return GramKernelKind.builtIn(available(GramKernelKind.VECTOR));
  }

  /** {@link #SYSTEM}; a class of its own so that it deserializes to the executor's own view. */
  final class SystemKernels implements GramKernelLoader {
    private static final long serialVersionUID = 1L;

    @Override
    public GramKernel load(GramKernelKind kind) {
      return switch (kind) {
        case NATIVE -> {
          BLAS blas = Blas.blas();
          if (!(blas instanceof NativeBLAS nativeBlas)) {
            throw new GramKernelUnavailableException(kind, "netlib loaded " + blas.getClass().getSimpleName()
                + ", not a native BLAS (see dev.ludovic.netlib.blas.nativeLib / nativeLibPath)");
          }
          yield new NativeSyrkGram(nativeBlas);
        }
        case VECTOR -> {
          if (GramKernel.jvm() instanceof TiledGram) {
            yield GramKernel.jvm();
          }
          throw new GramKernelUnavailableException(kind, "the JVM runs without the module jdk.incubator.vector"
              + " (--add-modules jdk.incubator.vector)");
        }
        case SCALAR -> GramKernel.scalar();
      };
    }
  }
}
