package org.attnreg.analysis.icl;

import java.io.IOException;
import org.attnreg.command.FormatOptions;

/**
 * Loads a softmax-regression instance (A, b) from {@code --input}, laid out as {@code layout} says. The data readers
 * are wired in by the top-level CLI; until then {@link #NONE} refuses with a clear message.
 */
@FunctionalInterface
public interface InstanceLoader {
  InstanceLoader NONE = (path, layout) -> {
    throw new IllegalArgumentException("--input " + path + ": reading instances is not wired into the icl command "
        + "yet; omit --input to analyse a synthetic instance (--n, --d, --seed)");
  };

  SoftmaxInstance load(String path, FormatOptions layout) throws IOException;
}
