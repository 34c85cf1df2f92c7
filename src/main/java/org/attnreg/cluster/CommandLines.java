package org.attnreg.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A process's exact arguments, read from {@code /proc/<pid>/cmdline} (NUL-separated), so that a
 * path is compared as one whole argument, never as a substring of a line joined with spaces.
 */
final class CommandLines {
  private CommandLines() {}

  /** The arguments of {@code pid} (the program first), or an empty list when it cannot be read. */
  static List<String> of(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      if (raw.length == 0) {
        return List.of();
      }
      int end = raw[raw.length - 1] == 0 ? raw.length - 1 : raw.length;
      return Arrays.asList(new String(raw, 0, end, StandardCharsets.UTF_8).split("\0", -1));
    } catch (IOException e) {
      return List.of(); // gone, or not ours to read
    }
  }

  /** The value after {@code option} ({@code -cp}, say), or null. */
  static String valueOf(List<String> args, String option) {
    int i = args.indexOf(option);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }
}
