package org.attnreg.command;

import org.attnreg.linalg.GramKernelMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --gram-kernel}: a bad value is a usage error naming the option, before anything starts. */
public final class GramKernelModes implements ITypeConverter<GramKernelMode> {
  @Override
  public GramKernelMode convert(String value) {
    try {
      return GramKernelMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
