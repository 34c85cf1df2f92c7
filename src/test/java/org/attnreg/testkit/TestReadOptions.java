package org.attnreg.testkit;

import org.apache.spark.storage.StorageLevel;
import org.attnreg.io.InputFormat;
import org.attnreg.io.ReadOptions;

/**
 * Tests' way to vary one or two of the read options: a copy of a {@link ReadOptions} whose setters
 * each change one component; {@link #build} validates the result as the record's constructor does.
 */
public final class TestReadOptions {
  private InputFormat format;
  private int partitions;
  private boolean csvHeader;
  private int labelColumn;
  private String labelCol;
  private String featuresCol;
  private int weightColumn;
  private String weightCol;
  private int numFeatures;
  private int blockRows;
  private StorageLevel storage;
  private int maxFeatures;

  private TestReadOptions(ReadOptions o) {
    format = o.format();
    partitions = o.partitions();
    csvHeader = o.csvHeader();
    labelColumn = o.labelColumn();
    labelCol = o.labelCol();
    featuresCol = o.featuresCol();
    weightColumn = o.weightColumn();
    weightCol = o.weightCol();
    numFeatures = o.numFeatures();
    blockRows = o.blockRows();
    storage = o.storage();
    maxFeatures = o.maxFeatures();
  }

  /** Starts from {@link ReadOptions#defaults()}. */
  public static TestReadOptions defaults() {
    return new TestReadOptions(ReadOptions.defaults());
  }

  public static TestReadOptions from(ReadOptions o) {
    return new TestReadOptions(o);
  }

  public ReadOptions build() {
    return new ReadOptions(format, partitions, csvHeader, labelColumn, labelCol, featuresCol, weightColumn,
        weightCol, numFeatures, blockRows, storage, maxFeatures);
  }

  public TestReadOptions withFormat(InputFormat f) {
    format = f;
    return this;
  }

  public TestReadOptions withPartitions(int p) {
    partitions = p;
    return this;
  }

  public TestReadOptions withCsvHeader(boolean h) {
    csvHeader = h;
    return this;
  }

  public TestReadOptions withLabelColumn(int c) {
    labelColumn = c;
    return this;
  }

  public TestReadOptions withColumns(String label, String features) {
    labelCol = label;
    featuresCol = features;
    return this;
  }

  public TestReadOptions withWeightColumn(int c) {
    weightColumn = c;
    return this;
  }

  public TestReadOptions withWeightCol(String name) {
    weightCol = name;
    return this;
  }

  public TestReadOptions withNumFeatures(int d) {
    numFeatures = d;
    return this;
  }

  public TestReadOptions withBlockRows(int k) {
    blockRows = k;
    return this;
  }

  public TestReadOptions withStorage(StorageLevel s) {
    storage = s;
    return this;
  }
}
