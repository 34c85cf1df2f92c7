package org.attnreg.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The data files behind an input path (one file, or the visible files directly inside a
 * directory), sorted by name. Their order defines the file indices inside row ids.
 *
 * <p>Row ids are stable and global: {@code (fileIndex << 40) | position}, where the position is the
 * byte offset of the line (text) or the row index within the file (Parquet). Ids therefore depend
 * only on the files, never on how they are split or partitioned, and sort in file-then-line order.
 */
final class InputFiles {
  private static final int POSITION_BITS = 40;
  private static final long MAX_POSITION = (1L << POSITION_BITS) - 1;
  /** Keeps ids non-negative. */
  private static final int MAX_FILES = 1 << (63 - POSITION_BITS);

  private final String path;
  private final boolean directory;
  private final List<FileStatus> files;

  private InputFiles(String path, boolean directory, List<FileStatus> files) {
    this.path = path;
    this.directory = directory;
    this.files = files;
  }

  /**
   * Lists {@code path} through its Hadoop FileSystem (a plain path means the default FS). Hidden
   * files ({@code _x}, {@code .x}) and subdirectories of a directory are skipped.
   *
   * @throws DataFormatException naming the path when it does not exist or holds no visible file
   */
  static InputFiles list(Configuration conf, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(p);
      if (!status.isDirectory()) {
        if (isHidden(status.getPath())) {
          throw new DataFormatException(path, 0, null, null,
              "file names starting with '_' or '.' are hidden and never read");
        }
        return new InputFiles(path, false, checkLimits(path, List.of(status)));
      }
      List<FileStatus> visible = new ArrayList<>();
      for (FileStatus s : fs.listStatus(status.getPath())) {
        if (s.isFile() && !isHidden(s.getPath())) {
          visible.add(s);
        }
      }
      if (visible.isEmpty()) {
        throw new DataFormatException(path, 0, null, null,
            "no input files in this directory (names starting with '_' or '.' are skipped)");
      }
      visible.sort(Comparator.comparing(s -> s.getPath().getName()));
      return new InputFiles(path, true, checkLimits(path, visible));
    } catch (FileNotFoundException e) {
      throw new DataFormatException(path, 0, null, null, "no such file or directory");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input " + path, e);
    }
  }

  private static List<FileStatus> checkLimits(String path, List<FileStatus> files) {
    if (files.size() > MAX_FILES) {
      throw new IllegalArgumentException(path + ": " + files.size() + " files, at most " + MAX_FILES);
    }
    for (FileStatus s : files) {
      if (s.getLen() > MAX_POSITION) {
        throw new IllegalArgumentException(s.getPath() + ": " + s.getLen() + " bytes, at most " + MAX_POSITION);
      }
    }
    return List.copyOf(files);
  }

  /** The row id of the row at {@code position} in file {@code fileIndex}. */
  static long rowId(int fileIndex, long position) {
    return ((long) fileIndex << POSITION_BITS) | position;
  }

  /** The file index inside a row id. */
  static int fileOf(long rowId) {
    return (int) (rowId >>> POSITION_BITS);
  }

  /** The position (byte offset or row index) inside a row id. */
  static long positionOf(long rowId) {
    return rowId & MAX_POSITION;
  }

  static boolean isHidden(Path p) {
    String name = p.getName();
    return name.startsWith("_") || name.startsWith(".");
  }

  int size() {
    return files.size();
  }

  Path path(int fileIndex) {
    return files.get(fileIndex).getPath();
  }

  /** The name to show the user: the path as given for one file, else the given directory plus the name. */
  String display(int fileIndex) {
    if (!directory) {
      return path;
    }
    return (path.endsWith("/") ? path : path + "/") + path(fileIndex).getName();
  }

  /** The path the user gave. */
  String input() {
    return path;
  }

  /** Length in bytes of file {@code fileIndex}. */
  long length(int fileIndex) {
    return files.get(fileIndex).getLen();
  }

  long totalBytes() {
    return files.stream().mapToLong(FileStatus::getLen).sum();
  }

  List<String> qualifiedPaths() {
    return files.stream().map(s -> s.getPath().toString()).toList();
  }

  /** File index by the path part of each file's URI (scheme and authority left out, as they may be spelt differently). */
  Map<String, Integer> indexByUriPath() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      index.put(path(i).toUri().getPath(), i);
    }
    return index;
  }

  /** File index by file name (unique: the files share one directory). */
  Map<String, Integer> indexByName() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      index.put(path(i).getName(), i);
    }
    return index;
  }

  /**
   * The format named by the input path, else by the names of its files; null when no name says one.
   *
   * @throws DataFormatException when the files' names say different formats (or some say none), so
   *     that a directory of mixed files is refused up front rather than read file by file in one format
   */
  InputFormat inferFormat() {
    InputFormat f = InputFormat.byName(path);
    if (f != null) {
      return f;
    }
    Set<InputFormat> named = new HashSet<>();
    Map<String, Integer> byExtension = new TreeMap<>();
    for (FileStatus s : files) {
      named.add(InputFormat.byName(s.getPath().getName()));
      byExtension.merge(InputFormat.extension(s.getPath().getName()), 1, Integer::sum);
    }
    if (named.size() > 1) {
      throw new DataFormatException(path, 0, null, null, "the directory mixes formats ("
          + byExtension.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
              .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
          + "): give --format if they are all one format, or put each format in its own directory");
    }
    return named.iterator().next();
  }

  /** SHA-256 over every file's path, length and modification time: changes when the input does. */
  String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (FileStatus s : files) {
        String entry = s.getPath() + "\t" + s.getLen() + "\t" + s.getModificationTime() + "\n";
        digest.update(entry.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
