package org.attnreg.testkit;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@code local[2]} SparkSession for the whole test run (starting one costs seconds), kept in
 * JUnit's root store and stopped when the run ends. Test classes use
 * {@code @ExtendWith(SharedSpark.class)} and take a {@link SparkSession} or {@link JavaSparkContext}
 * parameter.
 */
public final class SharedSpark implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSpark.class);

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    return type == SparkSession.class || type == JavaSparkContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    SparkSession spark = session(e);
    return p.getParameter().getType() == SparkSession.class ? spark : JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  /** The shared session, created on first use. */
  public static SparkSession session(ExtensionContext e) {
    return e.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("spark", k -> new Holder(), Holder.class).spark;
  }

  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final SparkSession spark = SparkSession.builder().master("local[2]").appName("attnreg-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();

    @Override
    public void close() {
      spark.stop();
    }
  }
}
