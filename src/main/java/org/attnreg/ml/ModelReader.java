package org.attnreg.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;

/** Loads what {@link ModelWriter} saved: the params from {@code metadata/}, the rest from {@code data/model.json}. */
final class ModelReader extends MLReader<AttnRegressionModel> {

  @Override
  public AttnRegressionModel load(String path) {
    DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
        AttnRegressionModel.class.getName());
    JsonNode data = readData(new Path(new Path(path, ModelWriter.DATA_DIR), ModelWriter.DATA_FILE));
    ObjectMapper json = ModelWriter.json();
    try {
      double[] x = json.treeToValue(data.get("coefficients"), double[].class);
      JsonNode s = data.get("summary");
      AttnRegressionSummary summary = s == null || s.isNull() ? null : json.treeToValue(s, AttnRegressionSummary.class);
      AttnRegressionModel model = new AttnRegressionModel(metadata.uid(), x, summary);
      metadata.getAndSetParams(model, scala.Option.empty());
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode the model saved at " + path, e);
    }
  }

  private JsonNode readData(Path file) {
    try {
      FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
      try (InputStream in = fs.open(file)) {
        return new ObjectMapper().readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
