package org.attnreg.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnreg.problem.LossFamily;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.SolverState;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.EvaluatedPoint;

/**
 * A solve's state after an accepted Newton step, as {@code checkpoint.json} in the output directory:
 * enough to continue bit-identically ({@link SolverState}), the starting point x₀ (for the family's
 * warnings at the end), and the identity of the run (effective options, read options, input
 * fingerprint and shape) that a resume must match.
 *
 * <p>Doubles are written with Java's round-tripping {@link Double#toString} (non-finite values as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), so every number reads back to the
 * same bits. The curvature's state is Java-serialized and Base64-encoded in {@code curvature.state};
 * reading it accepts only this project's classes, {@code java.lang}/{@code java.util} and arrays.
 * Keeping everything in one file means one atomic rename makes the whole state visible.
 *
 * @param state the solver state at iterate {@code state.iteration()}
 * @param x0 the starting point of the solve
 * @param identity what a resume must match: {@code options}, {@code read}, {@code input}; compared leaf by leaf
 */
public record Checkpoint(SolverState state, double[] x0, Map<String, Object> identity) {
  public static final String FILE = "checkpoint.json";
  public static final String FORMAT = "attnreg-checkpoint/1";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectInputFilter CURVATURE_CLASSES = ObjectInputFilter.Config.createFilter(
      "maxdepth=20;org.attnreg.**;java.lang.*;java.util.*;!*");

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("written_at", Instant.now().toString());
    root.put("iteration", state.iteration());
    root.set("x", doubles(state.point().x()));
    root.set("x0", doubles(x0));
    ObjectNode point = root.putObject("point");
    point.set("step", number(state.point().step()));
    point.set("loss", number(state.point().loss()));
    point.set("resolution", number(state.point().resolution()));
    point.set("globals", doubles(state.point().globals().values()));
    root.set("first_gradient_norm", number(state.firstGradientNorm()));
    root.put("value_passes", state.valuePasses());
    root.put("derivative_passes", state.derivativePasses());
    root.set("value_seconds", number(state.valueSeconds()));
    ArrayNode trace = root.putArray("trace");
    state.trace().forEach(r -> trace.add(record(r)));
    ArrayNode warnings = root.putArray("warnings");
    state.warnings().forEach(warnings::add);
    ObjectNode window = root.putObject("unbounded_window");
    ArrayNode points = window.putArray("points");
    state.recentPoints().forEach(p -> points.add(doubles(p)));
    window.set("losses", doubles(state.recentLosses().stream().mapToDouble(Double::doubleValue).toArray()));
    ObjectNode curvature = root.putObject("curvature");
    curvature.put("id", state.curvature().id());
    curvature.put("state", Base64.getEncoder().encodeToString(serialize(state.curvature())));
    root.set("identity", JSON.valueToTree(identity));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a checkpoint; {@code source} names the file in messages.
   *
   * @throws IllegalArgumentException naming the file and the field when it is not a checkpoint this version reads
   */
  @SuppressWarnings("unchecked")
  public static Checkpoint fromJson(String source, String text, LossFamily family) {
    try {
      JsonNode root = JSON.readTree(text);
      if (!FORMAT.equals(root.path("format").asText())) {
        throw new IllegalArgumentException(source + ": not a checkpoint of format " + FORMAT + " (format '"
            + root.path("format").asText() + "')");
      }
      JsonNode point = field(source, root, "point");
      EvaluatedPoint p = new EvaluatedPoint(number(field(source, point, "step")), doubles(field(source, root, "x")),
          number(field(source, point, "loss")), number(field(source, point, "resolution")),
          family.globals(doubles(field(source, point, "globals"))));
      List<IterationRecord> trace = new ArrayList<>();
      field(source, root, "trace").forEach(r -> trace.add(record(r)));
      List<String> warnings = new ArrayList<>();
      field(source, root, "warnings").forEach(w -> warnings.add(w.asText()));
      JsonNode window = field(source, root, "unbounded_window");
      List<double[]> points = new ArrayList<>();
      field(source, window, "points").forEach(x -> points.add(doubles(x)));
      List<Double> losses = new ArrayList<>();
      for (double v : doubles(field(source, window, "losses"))) {
        losses.add(v);
      }
      Curvature curvature = deserialize(source,
          Base64.getDecoder().decode(field(source, field(source, root, "curvature"), "state").asText()));
      SolverState state = new SolverState(field(source, root, "iteration").asInt(), p,
          number(field(source, root, "first_gradient_norm")), trace, curvature,
          field(source, root, "value_passes").asInt(), field(source, root, "derivative_passes").asInt(), warnings,
          points, losses, number(field(source, root, "value_seconds")));
      Map<String, Object> identity = JSON.convertValue(field(source, root, "identity"), LinkedHashMap.class);
      return new Checkpoint(state, doubles(field(source, root, "x0")), identity);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The leaves in which {@code now} differs from {@code saved} (both identity maps), as
   * {@code path: saved → now}, except those under the paths in {@code ignored}.
   */
  public static List<String> differences(Map<String, Object> saved, Map<String, Object> now, List<String> ignored) {
    Map<String, String> a = new LinkedHashMap<>();
    Map<String, String> b = new LinkedHashMap<>();
    flatten("", JSON.valueToTree(saved), a);
    flatten("", JSON.valueToTree(now), b);
    List<String> out = new ArrayList<>();
    for (String key : union(a, b)) {
      if (ignored.stream().noneMatch(key::startsWith) && !String.valueOf(a.get(key)).equals(String.valueOf(b.get(key)))) {
        out.add(key + ": " + (a.containsKey(key) ? a.get(key) : "(absent)") + " in the checkpoint, "
            + (b.containsKey(key) ? b.get(key) : "(absent)") + " now");
      }
    }
    return out;
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
    return keys;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(prefix, node.isNull() ? "null" : node.asText());
    }
  }

  private static JsonNode field(String source, JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(source + ": checkpoint field '" + name + "' is missing");
    }
    return v;
  }

  private static ObjectNode record(IterationRecord r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("iteration", r.iteration());
    o.set("loss", number(r.loss()));
    o.set("gradient_norm", number(r.gradientNorm()));
    o.set("newton_decrement", number(r.decrement()));
    o.set("step_size", number(r.stepSize()));
    o.set("damping", number(r.damping()));
    o.put("note", r.note());
    o.put("value_passes", r.valuePasses());
    o.put("rows_kept", r.rowsKept());
    o.set("derivative_seconds", number(r.derivativeSeconds()));
    o.set("value_seconds", number(r.valueSeconds()));
    return o;
  }

  private static IterationRecord record(JsonNode o) {
    return new IterationRecord(o.path("iteration").asInt(), number(o.path("loss")), number(o.path("gradient_norm")),
        number(o.path("newton_decrement")), number(o.path("step_size")), number(o.path("damping")),
        o.path("note").asText(), o.path("value_passes").asInt(), o.path("rows_kept").asLong(),
        number(o.path("derivative_seconds")), number(o.path("value_seconds")));
  }

  private static JsonNode number(double v) {
    return Double.isFinite(v) ? JSON.getNodeFactory().numberNode(v) : JSON.getNodeFactory().textNode(Double.toString(v));
  }

  private static double number(JsonNode node) {
    return node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText());
  }

  private static ArrayNode doubles(double[] x) {
    ArrayNode a = JSON.createArrayNode();
    for (double v : x) {
      a.add(number(v));
    }
    return a;
  }

  private static double[] doubles(JsonNode a) {
    double[] x = new double[a.size()];
    for (int j = 0; j < x.length; j++) {
      x[j] = number(a.get(j));
    }
    return x;
  }

  private static byte[] serialize(Curvature curvature) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(curvature);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the curvature state " + curvature.id(), e);
    }
    return bytes.toByteArray();
  }

  private static Curvature deserialize(String source, byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(CURVATURE_CLASSES);
      return (Curvature) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalArgumentException(source + ": the curvature state cannot be read: " + e, e);
    }
  }
}
