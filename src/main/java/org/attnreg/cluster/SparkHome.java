package org.attnreg.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The SPARK_HOME the daemons run from. A standalone Worker launches executors with
 * {@code -cp $SPARK_HOME/conf/:$SPARK_HOME/jars/*}, so without a distribution a folder whose
 * {@code jars/} holds symlinks to this project's runtime dependencies serves as one.
 */
public final class SparkHome {
  private SparkHome() {}

  /** {@code home} if it looks like a Spark distribution ({@code jars/spark-core_*.jar}). */
  public static Path checkDistribution(Path home) {
    Path jars = home.resolve("jars");
    try (var list = Files.list(jars)) {
      if (list.noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
        throw new IllegalArgumentException("SPARK_HOME " + home + ": " + jars + " holds no spark-core jar");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("SPARK_HOME " + home + " has no readable jars/ folder: " + e.getMessage());
    }
    return home.toAbsolutePath().normalize();
  }

  /**
   * Creates (or refreshes) {@code dir} with {@code jars/} symlinks to {@code jars} and an empty
   * {@code conf/}.
   *
   * @throws IllegalArgumentException when no spark-core jar is among them
   */
  public static Path fake(Path dir, List<Path> jars) {
    if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core_"))) {
      throw new IllegalArgumentException("the class path holds no spark-core jar to build a SPARK_HOME from;"
          + " set SPARK_HOME to a Spark distribution or run through jobs/cluster");
    }
    try {
      PrivateFiles.directory(dir); // its jars/ are on the class path of every daemon and executor
      Path jarDir = PrivateFiles.directory(dir.resolve("jars"));
      PrivateFiles.directory(dir.resolve("conf"));
      try (var old = Files.list(jarDir)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
      for (Path jar : jars) {
        Path link = jarDir.resolve(jar.getFileName());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
      }
      return dir.toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the SPARK_HOME " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The jar files on a class path string such as {@code java.class.path}. */
  public static List<Path> jarsOf(String classPath) {
    return Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> e.endsWith(".jar")).map(Path::of)
        .filter(Files::isRegularFile).toList();
  }
}
