package org.attnreg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.spark.SparkContext;
import picocli.CommandLine;

/**
 * What {@code --version} prints on every command: the project's name and version (written into a
 * resource by the build), and the Spark, Scala and Java versions this run uses.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
  static final String RESOURCE = "/attnreg-version.properties";

  @Override
  public String[] getVersion() {
    Properties p = project();
    String spark = SparkContext.class.getPackage().getImplementationVersion();
    return new String[] {
        p.getProperty("name") + " " + p.getProperty("version"),
        "Spark " + (spark != null ? spark : p.getProperty("spark.version")) + ", Scala "
            + scala.util.Properties.versionNumberString() + ", Java " + System.getProperty("java.version")
    };
  }

  /** The build's properties of this project ({@code name}, {@code version}, {@code spark.version}). */
  static Properties project() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: the build writes it");
      }
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
