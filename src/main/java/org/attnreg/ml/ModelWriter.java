package org.attnreg.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;
import org.attnreg.output.AtomicFiles;

/**
 * Saves an {@link AttnRegressionModel} as Spark ML does ({@code metadata/}: class, uid and params, so
 * {@code PipelineModel.load} finds it) plus {@code data/model.json}: the coefficients and the summary,
 * as JSON whose numbers round-trip exactly.
 */
final class ModelWriter extends MLWriter {
  static final String DATA_DIR = "data";
  static final String DATA_FILE = "model.json";

  private final AttnRegressionModel model;

  ModelWriter(AttnRegressionModel model) {
    this.model = model;
  }

  static ObjectMapper json() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  @Override
  public void saveImpl(String path) {
    DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("coefficients", model.x());
    data.put("summary", model.hasSummary() ? model.summary() : null);
    try {
      AtomicFiles.in(path + "/" + DATA_DIR, sc().hadoopConfiguration())
          .writeText(DATA_FILE, json().writeValueAsString(data));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode model " + model.uid(), e);
    }
  }
}
