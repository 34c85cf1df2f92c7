package org.attnreg.linalg;

/**
 * A JVM was told to use a Gram kernel it cannot load (typically an executor without the native BLAS
 * the driver chose). The driver recognises it in a failed pass ({@link #in}) and reruns the solve's
 * passes with the built-in kernel.
 */
public final class GramKernelUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final GramKernelKind kind;

  public GramKernelUnavailableException(GramKernelKind kind, String why) {
    super("the Gram kernel '" + kind.option() + "' chosen for this solve cannot be used on " + host() + ": " + why);
    this.kind = kind;
  }

  public GramKernelKind kind() {
    return kind;
  }

  /**
   * Whether {@code failure} is, or was caused by, this exception. Spark hands a failed task's
   * exception to the driver as the cause of its job failure, or, when that cause did not survive,
   * only in the message; both are recognised.
   */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof GramKernelUnavailableException
          || (t.getMessage() != null && t.getMessage().contains(GramKernelUnavailableException.class.getName()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String host() {
    try {
      return "host " + java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "this host";
    }
  }
}
