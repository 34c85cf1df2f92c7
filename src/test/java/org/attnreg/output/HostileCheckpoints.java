package org.attnreg.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.attnreg.problem.SoftmaxRegression;
import org.attnreg.sketch.LeverageSampler;
import org.attnreg.sketch.SketchSize;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.EvaluatedPoint;

/**
 * A valid checkpoint of a small run (d = 4, iterate 2, a leverage sampler with scores) and crafted
 * variants of it, each with the field its refusal must name: huge arrays, deep nesting, wrong types,
 * truncation, another identity, another format version.
 */
final class HostileCheckpoints {
  static final int D = 4;
  /** Entries of the huge arrays: far more than a 256 MB heap can hold as a JSON tree. */
  static final int HUGE = 30_000_000;
  private static final String HUGE_MARK = "\"@HUGE@\"";
  private static final String DEEP_MARK = "\"@DEEP@\"";

  private HostileCheckpoints() {}

  static Map<String, Object> identity() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("family", "softmax");
    options.put("tol", 1e-12);
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("fingerprint", "abc123");
    input.put("n", 1000);
    input.put("d", D);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("options", options);
    m.put("input", input);
    return m;
  }

  static Curvature freshCurvature() {
    return new LeverageSampler(SketchSize.ofRows(20), 3L);
  }

  static Checkpoint valid() {
    double[] hessian = new double[D * D];
    for (int j = 0; j < D; j++) {
      hessian[j * D + j] = 2.0 + j;
      if (j > 0) {
        hessian[j * D + j - 1] = hessian[(j - 1) * D + j] = 0.25;
      }
    }
    Curvature curvature = new LeverageSampler(SketchSize.ofRows(20), 3L).withScoresFrom(hessian, D);
    double[] x = {0.1, -1.0 / 3.0, 2.5e-17, 4.0};
    List<IterationRecord> trace = List.of(new IterationRecord(0, 3.0, 1.0, 0.5, 1.0, 0.0, "", 1, 2, 900, 0.1, 0.2),
        new IterationRecord(1, 2.0, 0.5, 0.25, 0.5, 1e-3, "damped", 2, 2, 880, 0.1, 0.2));
    SolverState state = new SolverState(2, new EvaluatedPoint(0.5, x, 1.5, 1e-15, new SoftmaxRegression.Normalisers(0.7, Double.NaN)),
        1.0, trace, curvature, 4, 2, List.of("iteration 1: damped"), List.of(x.clone()), List.of(1.5), 0.2,
        new SoftmaxRegression.Normalisers(0.69, 0.125));
    return new Checkpoint(state, new double[] {4, -4, 4, -4}, identity());
  }

  static Checkpoint.Expected expected() {
    Map<String, Object> now = identity();
    Consumer<Map<String, Object>> check = saved -> {
      List<String> differences = Checkpoint.differences(saved, now, List.of());
      if (!differences.isEmpty()) {
        throw new IllegalArgumentException("written for a different run; "
            + String.join("; ", differences));
      }
    };
    return new Checkpoint.Expected(D, 100, freshCurvature(), check, SoftmaxRegression.softmax());
  }

  /**
   * File name → what its refusal names after {@code field '} (the field, or the start of its path;
   * empty: any field), or null for the valid file, which must be read.
   */
  static Map<String, String> write(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    String text = valid().toJson();
    Map<String, String> fields = new LinkedHashMap<>();
    put(dir, fields, "valid.json", text, null);
    put(dir, fields, "huge-x.json", with(json, text, r -> r.put("x", "@HUGE@")), "x");
    put(dir, fields, "huge-globals.json", with(json, text, r -> ((ObjectNode) r.get("point")).put("globals", "@HUGE@")),
        "point.globals");
    put(dir, fields, "huge-matrix-values.json", with(json, text, r -> projection(r).put("values", "@HUGE@")),
        "curvature.matrices.projection.values");
    put(dir, fields, "huge-matrix-declared.json", with(json, text, r -> projection(r).put("rows", 2_000_000_000)),
        "curvature.matrices.projection.rows");
    put(dir, fields, "deep-nesting.json", with(json, text, r -> ((ObjectNode) r.get("identity")).put("options", "@DEEP@")),
        "identity.options");
    put(dir, fields, "deep-identity.json", with(json, text, r -> {
      ObjectNode node = (ObjectNode) r.get("identity");
      for (int k = 0; k < 9; k++) {
        node = node.putObject("nested");
      }
    }), "identity.nested");
    put(dir, fields, "wide-identity.json", with(json, text, r -> {
      ObjectNode node = ((ObjectNode) r.get("identity")).putObject("wide");
      for (int k = 0; k < 10_000; k++) {
        node.put("k" + k, k);
      }
    }), "identity.wide");
    put(dir, fields, "wrong-type-iteration.json", with(json, text, r -> r.put("iteration", "two")), "iteration");
    put(dir, fields, "wrong-type-x.json", with(json, text, r -> r.putObject("x").put("a", 1)), "x");
    put(dir, fields, "wrong-type-loss.json", with(json, text, r -> ((ObjectNode) r.get("point")).put("loss", true)),
        "point.loss");
    put(dir, fields, "wrong-type-note.json", with(json, text, r -> ((ObjectNode) r.get("trace").get(1)).put("note", 7)),
        "trace[1].note");
    put(dir, fields, "truncated.json", text.substring(0, text.length() / 2), "");
    put(dir, fields, "empty.json", "", "(document)");
    put(dir, fields, "not-json.json", "this is not a checkpoint", "(document)");
    put(dir, fields, "wrong-identity.json", with(json, text,
        r -> ((ObjectNode) r.get("identity").get("options")).put("tol", 1e-6)), "identity': written for a different run;"
        + " options.tol: 1.0E-6 in the checkpoint, 1.0E-12 now");
    put(dir, fields, "other-version.json", with(json, text, r -> r.put("format", "attnreg-checkpoint/1")), "format");
    put(dir, fields, "serialized-state.json", "{\"format\": \"attnreg-checkpoint/1\", \"curvature\": {\"state\":"
        + " \"rO0ABXVyAAJbRD6mjBSrY1oeAgAAeHB3NZQA\"}}", "format");
    put(dir, fields, "other-d.json", with(json, text, r -> r.put("d", 5)), "d");
    put(dir, fields, "beyond-limit.json", with(json, text, r -> r.put("iteration", 1000)), "iteration");
    put(dir, fields, "long-trace.json", with(json, text, r -> r.withArray("trace").add(r.get("trace").get(1))),
        "trace");
    put(dir, fields, "other-curvature.json", with(json, text, r -> ((ObjectNode) r.get("curvature")).put("id", "exact")),
        "curvature.id");
    put(dir, fields, "unknown-matrix.json", with(json, text,
        r -> ((ObjectNode) r.get("curvature").get("matrices")).putObject("evil").put("rows", 1)),
        "curvature.matrices.evil");
    put(dir, fields, "extra-field.json", with(json, text, r -> r.put("evil", 1)), "(document)");
    return fields;
  }

  private static ObjectNode projection(ObjectNode root) {
    return (ObjectNode) root.get("curvature").get("matrices").get("projection");
  }

  private static String with(ObjectMapper json, String text, Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) json.readTree(text);
      change.accept(root);
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the text, expanding the huge-array and deep-nesting marks as it streams. */
  private static void put(Path dir, Map<String, String> fields, String name, String text, String field)
      throws IOException {
    fields.put(name, field);
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
      int huge = text.indexOf(HUGE_MARK);
      int deep = text.indexOf(DEEP_MARK);
      if (huge >= 0) {
        out.write(text, 0, huge);
        out.write('[');
        for (int k = 0; k < HUGE; k++) {
          out.write("0,");
        }
        out.write("0]");
        out.write(text, huge + HUGE_MARK.length(), text.length() - huge - HUGE_MARK.length());
      } else if (deep >= 0) {
        out.write(text, 0, deep);
        for (int k = 0; k < 100_000; k++) {
          out.write('[');
        }
      } else {
        out.write(text);
      }
    }
  }
}
