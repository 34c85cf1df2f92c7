package org.attnreg.ml;

import java.util.Arrays;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/** Schema checks of the estimator and the model, run before any Spark job; messages name the param. */
final class Schemas {
  private Schemas() {}

  /**
   * The schema {@code transform} produces: {@code schema} plus the double columns {@code marginCol}
   * and {@code predictionCol}.
   *
   * @param labelCol a label column that must be numeric, or null when not needed
   * @throws IllegalArgumentException naming the param when a column is missing, mistyped or taken
   */
  static StructType withOutputs(StructType schema, String featuresCol, String labelCol, String marginCol,
      String predictionCol) {
    DataType features = type(schema, "featuresCol", featuresCol);
    boolean numericArray = features instanceof ArrayType a && a.elementType() instanceof NumericType;
    if (!(features instanceof VectorUDT) && !numericArray) {
      throw new IllegalArgumentException("param featuresCol: column '" + featuresCol + "' has type "
          + features.simpleString() + ", expected a Spark ML vector or an array of numbers");
    }
    if (labelCol != null) {
      requireNumber(schema, "labelCol", labelCol);
    }
    absent(schema, "marginCol", marginCol);
    absent(schema, "predictionCol", predictionCol);
    if (marginCol.equals(predictionCol)) {
      throw new IllegalArgumentException("params marginCol and predictionCol must differ: '" + marginCol + "'");
    }
    return schema.add(marginCol, DataTypes.DoubleType, true).add(predictionCol, DataTypes.DoubleType, true);
  }

  /** Checks that {@code column}, named by {@code param}, exists and holds numbers. */
  static void requireNumber(StructType schema, String param, String column) {
    DataType type = type(schema, param, column);
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException("param " + param + ": column '" + column + "' has type "
          + type.simpleString() + ", expected a number");
    }
  }

  private static DataType type(StructType schema, String param, String column) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("param " + param + ": no column '" + column + "' (columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
    return schema.apply(column).dataType();
  }

  private static void absent(StructType schema, String param, String column) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("param " + param + ": output column '" + column + "' already exists");
    }
  }
}
