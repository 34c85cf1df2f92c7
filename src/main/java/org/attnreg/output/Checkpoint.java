package org.attnreg.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.attnreg.problem.Globals;
import org.attnreg.problem.LossFamily;
import org.attnreg.solver.IterationRecord;
import org.attnreg.solver.NewtonSolver;
import org.attnreg.solver.SolverState;
import org.attnreg.stats.Curvature;
import org.attnreg.stats.CurvatureState;
import org.attnreg.stats.EvaluatedPoint;

/**
 * A solve's state after an accepted Newton step, as {@code checkpoint.json} in the output directory:
 * enough to continue bit-identically ({@link SolverState}), the starting point x₀ (for the family's
 * warnings at the end), and the identity of the run (effective options, read options, input
 * fingerprint and shape) that a resume must match.
 *
 * <p>The file is plain JSON data in a fixed field order: {@code format}, {@code identity},
 * {@code d}, {@code iteration}, then the state (see {@link #toJson}). The curvature's state is data
 * too ({@link CurvatureState}: named counters and matrices with their shape); nothing is
 * Java-serialized. Reading ({@link #read}) checks the format, then the identity and the declared
 * d and iteration against the current run, and only then reads the state, every array bounded by
 * what the current run allows, so a hostile or damaged file is refused with one line naming the
 * file and the field before anything proportional to its declarations is allocated.
 *
 * <p>Doubles are written with Java's round-tripping {@link Double#toString} (non-finite values as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}), so every number reads back to the
 * same bits. Keeping everything in one file means one atomic replacement makes the whole state visible.
 *
 * @param state the solver state at iterate {@code state.iteration()}
 * @param x0 the starting point of the solve
 * @param identity what a resume must match: {@code options}, {@code read}, {@code input}; compared leaf by leaf
 */
public record Checkpoint(SolverState state, double[] x0, Map<String, Object> identity) {
  public static final String FILE = "checkpoint.json";
  public static final String FORMAT = "attnreg-checkpoint/3";

  /** Values the identity map may hold in all (it has a few dozen). */
  static final int MAX_IDENTITY_VALUES = 4096;
  /** Globals a family may carry (the families have none to three). */
  static final int MAX_GLOBALS = 16;
  /** Solver warnings beyond one per iteration. */
  static final int MAX_EXTRA_WARNINGS = 16;

  /** {@code point.derivatives}: the next derivative pass is an ordinary one, or a fused pass's repeated. */
  private static final String FRESH = "fresh";
  private static final String FUSED = "fused";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * What the current run allows a checkpoint to hold.
   *
   * @param d the dimension of the loaded data
   * @param maxIteration the iteration limit now in force; a checkpoint beyond it is refused
   * @param curvatures the curvatures the current options may select (exact and the sketch for
   *     {@code auto}): the file's must be one of them, with its state layout
   * @param identityCheck throws {@link IllegalArgumentException} when the saved identity is not the current run's
   * @param family the current run's family, which turns the saved globals back into its own record
   */
  public record Expected(int d, int maxIteration, List<Curvature> curvatures,
      Consumer<Map<String, Object>> identityCheck, LossFamily family) {
    /** A run whose options select exactly one curvature. */
    public Expected(int d, int maxIteration, Curvature curvature, Consumer<Map<String, Object>> identityCheck,
        LossFamily family) {
      this(d, maxIteration, List.of(curvature), identityCheck, family);
    }
  }

  /**
   * The checkpoint as JSON text, fields in the order {@link #read} requires: {@code format},
   * {@code identity}, {@code d}, {@code iteration}, {@code written_at}, {@code x}, {@code x0},
   * {@code point} ({@code step}, {@code loss}, {@code resolution}, {@code globals}, {@code derivatives}:
   * {@code "fresh"} or {@code "fused"}, {@code predicted_globals}: those a fused pass took the
   * point's derivatives with, empty when fresh),
   * {@code first_gradient_norm}, {@code value_passes}, {@code derivative_passes},
   * {@code value_seconds}, {@code trace}, {@code warnings}, {@code unbounded_window}
   * ({@code points}, {@code losses}) and {@code curvature} ({@code id}, {@code counters},
   * {@code matrices}: name → {@code rows}, {@code cols}, {@code values}).
   */
  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(text)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeFieldName("identity");
      JSON.writeTree(g, JSON.valueToTree(identity));
      g.writeNumberField("d", state.point().x().length);
      g.writeNumberField("iteration", state.iteration());
      g.writeStringField("written_at", Instant.now().toString());
      doubles(g, "x", state.point().x());
      doubles(g, "x0", x0);
      g.writeObjectFieldStart("point");
      number(g, "step", state.point().step());
      number(g, "loss", state.point().loss());
      number(g, "resolution", state.point().resolution());
      doubles(g, "globals", state.point().globals().values());
      Globals predicted = state.fusedPrediction();
      g.writeStringField("derivatives", predicted == null ? FRESH : FUSED);
      doubles(g, "predicted_globals", predicted == null ? new double[0] : predicted.values());
      g.writeEndObject();
      number(g, "first_gradient_norm", state.firstGradientNorm());
      g.writeNumberField("value_passes", state.valuePasses());
      g.writeNumberField("derivative_passes", state.derivativePasses());
      number(g, "value_seconds", state.valueSeconds());
      g.writeArrayFieldStart("trace");
      for (IterationRecord r : state.trace()) {
        record(g, r);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("warnings");
      for (String w : state.warnings()) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("unbounded_window");
      g.writeArrayFieldStart("points");
      for (double[] p : state.recentPoints()) {
        doubles(g, p);
      }
      g.writeEndArray();
      doubles(g, "losses", state.recentLosses().stream().mapToDouble(Double::doubleValue).toArray());
      g.writeEndObject();
      curvature(g, state.curvature());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  /** {@link #read} of a text held in memory. */
  public static Checkpoint fromJson(String source, String text, Expected expected) {
    return read(source, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), expected);
  }

  /**
   * Reads a checkpoint written by {@link #toJson}; {@code source} names the file in messages.
   *
   * @throws IllegalArgumentException naming the file and the field when it is not a checkpoint this
   *     version reads or not one of the current run
   */
  public static Checkpoint read(String source, InputStream in, Expected expected) {
    try (BoundedJsonReader r = new BoundedJsonReader(source, in)) {
      r.startObject("(document)");
      Header h = header(r, expected);
      r.stringField("", "written_at");
      r.field("x");
      double[] x = r.doubles("x", h.d());
      r.field("x0");
      double[] x0 = r.doubles("x0", h.d());
      r.field("point");
      SavedPoint point = point(r, x, expected.family());
      double firstGradientNorm = r.numberField("", "first_gradient_norm");
      int valuePasses = (int) r.integerField("", "value_passes", 0, Integer.MAX_VALUE);
      int derivativePasses = (int) r.integerField("", "derivative_passes", 0, Integer.MAX_VALUE);
      double valueSeconds = r.numberField("", "value_seconds");
      r.field("trace");
      List<IterationRecord> trace = trace(r, h.iteration());
      r.field("warnings");
      List<String> warnings = warnings(r, h.iteration());
      r.field("unbounded_window");
      Window window = window(r, h.d());
      r.field("curvature");
      Curvature curvature = curvature(r, h.d(), expected.curvatures());
      r.endObject("(document)");
      r.end();
      SolverState state = new SolverState(h.iteration(), point.point(), firstGradientNorm, trace, curvature,
          valuePasses, derivativePasses, warnings, window.points(), window.losses(), valueSeconds, point.predicted());
      return new Checkpoint(state, x0, h.identity());
    }
  }

  /** What is checked before anything proportional to the file's declarations is read. */
  private record Header(Map<String, Object> identity, int d, int iteration) {}

  /** {@code format}, {@code identity}, {@code d} and {@code iteration}, each checked against the current run. */
  private static Header header(BoundedJsonReader r, Expected expected) {
    String format = r.stringField("", "format");
    if (!FORMAT.equals(format)) {
      throw r.refuse("format", "'" + format + "' is not the checkpoint format " + FORMAT
          + " this version reads; run without --resume to start afresh");
    }
    r.field("identity");
    Map<String, Object> identity = r.tree("identity", 6, MAX_IDENTITY_VALUES);
    try {
      expected.identityCheck().accept(identity);
    } catch (IllegalArgumentException e) {
      throw r.refuse("identity", e.getMessage());
    }
    int d = (int) r.integerField("", "d", expected.d(), expected.d());
    int iteration = (int) r.integerField("", "iteration", 1, Integer.MAX_VALUE);
    if (iteration > expected.maxIteration()) {
      throw r.refuse("iteration", "the checkpoint is at iterate " + iteration + ", beyond the iteration limit "
          + expected.maxIteration() + " now in force (raise --max-iter to resume it)");
    }
    return new Header(identity, d, iteration);
  }

  /** The saved iterate as the line search returned it, and the globals a fused pass predicted (or null). */
  private record SavedPoint(EvaluatedPoint point, Globals predicted) {}

  private static SavedPoint point(BoundedJsonReader r, double[] x, LossFamily family) {
    r.startObject("point");
    double step = r.numberField("point", "step");
    double loss = r.numberField("point", "loss");
    double resolution = r.numberField("point", "resolution");
    r.field("globals");
    Globals globals = globals(r, "point.globals", family, r.doublesAtMost("point.globals", MAX_GLOBALS));
    Globals predicted = predictedGlobals(r, family);
    r.endObject("point");
    return new SavedPoint(new EvaluatedPoint(step, x, loss, resolution, globals), predicted);
  }

  private static List<String> warnings(BoundedJsonReader r, int iteration) {
    r.startArray("warnings");
    List<String> warnings = new ArrayList<>();
    while (r.hasElement("warnings", warnings.size(), iteration + MAX_EXTRA_WARNINGS)) {
      warnings.add(r.currentString("warnings[" + warnings.size() + "]"));
    }
    return warnings;
  }

  /** The unbounded detector's window: its recent iterates and their losses. */
  private record Window(List<double[]> points, List<Double> losses) {}

  private static Window window(BoundedJsonReader r, int d) {
    r.startObject("unbounded_window");
    r.field("points");
    r.startArray("unbounded_window.points");
    List<double[]> points = new ArrayList<>();
    while (r.hasElement("unbounded_window.points", points.size(), SolverState.WINDOW_CAPACITY)) {
      points.add(r.currentDoubles("unbounded_window.points[" + points.size() + "]", d));
    }
    r.field("losses");
    double[] losses = r.doubles("unbounded_window.losses", points.size());
    r.endObject("unbounded_window");
    return new Window(points, java.util.Arrays.stream(losses).boxed().toList());
  }


  private static List<IterationRecord> trace(BoundedJsonReader r, int iteration) {
    r.startArray("trace");
    List<IterationRecord> trace = new ArrayList<>();
    while (r.hasElement("trace", trace.size(), iteration)) {
      String at = "trace[" + trace.size() + "]";
      r.currentIsObject(at);
      int k = (int) r.integerField(at, "iteration", trace.size(), trace.size());
      double loss = r.numberField(at, "loss");
      double gradientNorm = r.numberField(at, "gradient_norm");
      double decrement = r.numberField(at, "newton_decrement");
      double stepSize = r.numberField(at, "step_size");
      double damping = r.numberField(at, "damping");
      String note = r.stringField(at, "note");
      int passes = (int) r.integerField(at, "value_passes", 0, Integer.MAX_VALUE);
      // its own derivative pass, and the Hessian–vector products of a conjugate-gradient step
      int allPasses = (int) r.integerField(at, "passes", passes, passes + 1L + NewtonSolver.MAX_PRODUCTS);
      long rowsKept = r.integerField(at, "rows_kept", 0, Long.MAX_VALUE);
      double derivativeSeconds = r.numberField(at, "derivative_seconds");
      double valueSeconds = r.numberField(at, "value_seconds");
      r.endObject(at);
      trace.add(new IterationRecord(k, loss, gradientNorm, decrement, stepSize, damping, note, passes, allPasses,
          rowsKept, derivativeSeconds, valueSeconds));
    }
    if (trace.size() != iteration) {
      throw r.refuse("trace", "holds " + trace.size() + " records, a checkpoint at iterate " + iteration
          + " has " + iteration);
    }
    return trace;
  }

  /**
   * The saved curvature: its id must be the current options' curvature and its state must fit that
   * curvature's layout (counter names, exact matrix shapes) before any matrix is read.
   */
  private static Curvature curvature(BoundedJsonReader r, int d, List<Curvature> allowed) {
    r.startObject("curvature");
    String id = r.stringField("curvature", "id");
    Curvature current = allowed.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> r.refuse(
        "curvature.id", "'" + id + "' is not a curvature of the current options, "
            + String.join(" or ", allowed.stream().map(Curvature::id).toList())));
    CurvatureState.Layout layout = current.stateLayout(d);
    r.field("counters");
    r.startObject("curvature.counters");
    Map<String, Long> counters = new LinkedHashMap<>();
    while (r.nextField("curvature.counters")) {
      String name = r.name();
      if (!layout.counters().contains(name) || counters.containsKey(name)) {
        throw r.refuse("curvature.counters." + name, "not a counter of " + id + " (it has " + layout.counters() + ")");
      }
      counters.put(name, r.integer("curvature.counters." + name, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    r.field("matrices");
    r.startObject("curvature.matrices");
    Map<String, CurvatureState.Matrix> matrices = new LinkedHashMap<>();
    while (r.nextField("curvature.matrices")) {
      String name = r.name();
      String at = "curvature.matrices." + name;
      CurvatureState.Shape shape = layout.matrices().get(name);
      if (shape == null || matrices.containsKey(name)) {
        throw r.refuse(at, "not a matrix of " + id + " (it has " + layout.matrices().keySet() + ")");
      }
      r.startObject(at);
      int rows = (int) r.integerField(at, "rows", shape.rows(), shape.rows());
      int cols = (int) r.integerField(at, "cols", shape.cols(), shape.cols());
      r.field("values");
      matrices.put(name, new CurvatureState.Matrix(rows, cols, r.doubles(at + ".values", rows * cols)));
      r.endObject(at);
    }
    r.endObject("curvature");
    try {
      return current.restore(new CurvatureState(counters, matrices));
    } catch (IllegalArgumentException e) {
      throw r.refuse("curvature", e.getMessage());
    }
  }

  private static void curvature(JsonGenerator g, Curvature curvature) throws IOException {
    CurvatureState s = curvature.state();
    g.writeObjectFieldStart("curvature");
    g.writeStringField("id", curvature.id());
    g.writeObjectFieldStart("counters");
    for (Map.Entry<String, Long> c : new java.util.TreeMap<>(s.counters()).entrySet()) {
      g.writeNumberField(c.getKey(), c.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("matrices");
    for (Map.Entry<String, CurvatureState.Matrix> m : new java.util.TreeMap<>(s.matrices()).entrySet()) {
      g.writeObjectFieldStart(m.getKey());
      g.writeNumberField("rows", m.getValue().rows());
      g.writeNumberField("cols", m.getValue().cols());
      doubles(g, "values", m.getValue().values());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
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

  private static void record(JsonGenerator g, IterationRecord r) throws IOException {
    g.writeStartObject();
    g.writeNumberField("iteration", r.iteration());
    number(g, "loss", r.loss());
    number(g, "gradient_norm", r.gradientNorm());
    number(g, "newton_decrement", r.decrement());
    number(g, "step_size", r.stepSize());
    number(g, "damping", r.damping());
    g.writeStringField("note", r.note());
    g.writeNumberField("value_passes", r.valuePasses());
    g.writeNumberField("passes", r.passes());
    g.writeNumberField("rows_kept", r.rowsKept());
    number(g, "derivative_seconds", r.derivativeSeconds());
    number(g, "value_seconds", r.valueSeconds());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String field, double v) throws IOException {
    g.writeFieldName(field);
    number(g, v);
  }

  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeString(Double.toString(v));
    }
  }

  private static void doubles(JsonGenerator g, String field, double[] x) throws IOException {
    g.writeFieldName(field);
    doubles(g, x);
  }

  private static void doubles(JsonGenerator g, double[] x) throws IOException {
    g.writeStartArray();
    for (double v : x) {
      number(g, v);
    }
    g.writeEndArray();
  }

  /** {@code point.derivatives} and {@code point.predicted_globals}: null when the derivatives are fresh. */
  private static Globals predictedGlobals(BoundedJsonReader r, LossFamily family) {
    String kind = r.stringField("point", "derivatives");
    if (!kind.equals(FRESH) && !kind.equals(FUSED)) {
      throw r.refuse("point.derivatives", "'" + kind + "' is neither " + FRESH + " nor " + FUSED);
    }
    r.field("predicted_globals");
    double[] values = r.doublesAtMost("point.predicted_globals", MAX_GLOBALS);
    if (kind.equals(FRESH)) {
      if (values.length != 0) {
        throw r.refuse("point.predicted_globals", "must be empty when the derivatives are " + FRESH);
      }
      return null;
    }
    return globals(r, "point.predicted_globals", family, values);
  }

  /** The family's own globals record from the saved numbers; a count it does not take is refused. */
  private static Globals globals(BoundedJsonReader r, String field, LossFamily family, double[] values) {
    Globals globals;
    try {
      globals = family.globals(values);
    } catch (RuntimeException e) {
      throw r.refuse(field, values.length + " values are not the globals of family " + family.id());
    }
    if (globals.values().length != values.length) {
      throw r.refuse(field, values.length + " values are not the globals of family " + family.id()
          + ", which has " + globals.values().length);
    }
    return globals;
  }
}
