package org.attnreg.command;

import java.util.Locale;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Option;

/** {@code --storage}: how a command caches its row blocks, the same option wherever blocks are cached. */
public final class StorageOption {
  @Option(names = "--storage", paramLabel = "LEVEL", defaultValue = "MEMORY_ONLY",
      description = "Storage level of the cached blocks, e.g. MEMORY_ONLY or MEMORY_AND_DISK for data larger than"
          + " memory (default: ${DEFAULT-VALUE}).")
  public String name;

  /** The Spark storage level named, in any case; the message names the option. */
  public StorageLevel level() {
    try {
      return StorageLevel.fromString(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--storage: unknown storage level '" + name + "'", e);
    }
  }
}
