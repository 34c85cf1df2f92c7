package org.attnreg.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The instances of a batch, from a JSON manifest: an array (or {@code {"instances": [...]}}) of
 * objects with {@code name} (optional; default {@code instance-N}), {@code input}, {@code family}
 * (optional, default softmax), {@code out}, {@code driver_memory} (optional, {@code --isolate} only: the
 * heap of the instance's own driver JVM, e.g. {@code "4g"}) and {@code options}: any documented
 * {@code solve} option by its long name without dashes, e.g. {@code {"max-iter": 20, "format": "csv",
 * "header": true}} ({@code true} passes a flag, {@code false} omits it). {@code input}, {@code out},
 * {@code family} and {@code master} are not options: the batch sets them (the instances share the
 * batch's Spark application, or its master).
 *
 * <p>Paths are compared fully qualified and normalised ({@code out/y}, {@code out/y/} and
 * {@code /cwd/out/y} are one directory): no two instances share or nest an output directory, and no
 * instance's output is, contains or lies inside any instance's input ({@code input}, {@code x0},
 * {@code x-star}), so that no solve overwrites or reads another's results.
 */
public final class BatchManifest {
  /** Set by the batch itself, never by an instance's options. */
  public static final Set<String> SET_BY_BATCH = Set.of("input", "out", "family", "master");
  /** Options whose value is a file the solve reads. */
  static final List<String> INPUT_OPTIONS = List.of("x0", "x-star");
  private static final Set<String> ENTRY_KEYS = Set.of("name", "input", "family", "out", "options", "driver_memory");

  private BatchManifest() {}

  /**
   * One instance: its name, output directory, {@code solve} command line, with {@code --isolate} its
   * driver's heap (null: the batch's default), and the qualified paths it reads.
   */
  public record Instance(String name, String out, List<String> solveArgs, String driverMemory, List<String> inputs) {}

  /**
   * @param source names the manifest in messages
   * @param options the documented solve options a manifest may set, by long name without dashes, each
   *     mapped to whether it takes a value (false: a flag)
   * @param qualify the fully qualified, normalised form of a path (its file system's)
   * @throws IllegalArgumentException naming the manifest, the entry and the field at fault
   */
  public static List<Instance> parse(String source, String json, Map<String, Boolean> options,
      UnaryOperator<String> qualify) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage());
    }
    JsonNode list = root != null && root.isObject() ? root.get("instances") : root;
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(source + ": expected a non-empty array of instances (or {\"instances\": [...]})");
    }
    List<Instance> out = new ArrayList<>();
    List<Paths> paths = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = source + ": instance " + (i + 1);
      Parsed parsed = instance(where, list.get(i), i + 1, options);
      if (!names.add(parsed.instance().name())) {
        throw new IllegalArgumentException(source + ": the name '" + parsed.instance().name() + "' is used twice");
      }
      Paths qualified = parsed.paths().qualified(where, qualify);
      Instance instance = parsed.instance();
      out.add(new Instance(instance.name(), instance.out(), instance.solveArgs(), instance.driverMemory(),
          qualified.inputs()));
      paths.add(qualified);
    }
    checkOverlaps(source, out, paths);
    return out;
  }

  /** An instance's output directory and the files it reads, as written, then qualified. */
  private record Paths(String out, List<String> inputs) {
    Paths qualified(String where, UnaryOperator<String> qualify) {
      try {
        return new Paths(qualify.apply(out), inputs.stream().map(qualify).toList());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": bad path: " + e.getMessage());
      }
    }
  }

  private record Parsed(Instance instance, Paths paths) {}

  private static void checkOverlaps(String source, List<Instance> instances, List<Paths> paths) {
    for (int i = 0; i < paths.size(); i++) {
      for (int j = 0; j < paths.size(); j++) {
        String mine = paths.get(i).out();
        if (j > i && related(mine, paths.get(j).out())) {
          throw new IllegalArgumentException(source + ": the output directories of '" + instances.get(i).name()
              + "' and '" + instances.get(j).name() + "' " + (mine.equals(paths.get(j).out()) ? "are the same"
              : "lie one inside the other") + " (" + mine + ", " + paths.get(j).out() + ")");
        }
        for (String input : paths.get(j).inputs()) {
          if (related(mine, input)) {
            throw new IllegalArgumentException(source + ": the output directory of '" + instances.get(i).name()
                + "' (" + mine + ") " + (mine.equals(input) ? "is" : input.startsWith(mine + "/") ? "contains"
                : "lies inside") + " an input of '" + instances.get(j).name() + "' (" + input
                + "): a solve would read or overwrite another's results");
          }
        }
      }
    }
  }

  /** Equal, or one inside the other (both qualified). */
  public static boolean related(String a, String b) {
    return a.equals(b) || a.startsWith(withSlash(b)) || b.startsWith(withSlash(a));
  }

  private static String withSlash(String p) {
    return p.endsWith("/") ? p : p + "/";
  }

  private static Parsed instance(String where, JsonNode entry, int number, Map<String, Boolean> known) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object, got " + entry);
    }
    for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!ENTRY_KEYS.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown key '" + key + "'; an instance has "
            + new TreeSet<>(ENTRY_KEYS) + " (solve options go into \"options\")");
      }
    }
    String name = entry.hasNonNull("name") ? entry.get("name").asText() : "instance-" + number;
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(where + ": name '" + name + "' may hold only letters, digits, '.', '_', '-'");
    }
    String input = required(where, entry, "input");
    String out = required(where, entry, "out");
    String memory = driverMemory(where, entry.get("driver_memory"));
    List<String> args = new ArrayList<>(List.of("solve", "--family",
        entry.hasNonNull("family") ? entry.get("family").asText() : SolveOptions.DEFAULT_FAMILY, "--input", input,
        "--out", out));
    List<String> inputs = new ArrayList<>(List.of(input));
    JsonNode options = entry.get("options");
    if (options != null && !options.isNull()) {
      if (!options.isObject()) {
        throw new IllegalArgumentException(where + ": options must be an object, got " + options);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> o = it.next();
        String key = o.getKey().replaceFirst("^--", "");
        option(where, key, o.getValue(), known, args);
        if (INPUT_OPTIONS.contains(key)) {
          inputs.add(o.getValue().asText());
        }
      }
    }
    return new Parsed(new Instance(name, out, List.copyOf(args), memory, List.of()), new Paths(out, inputs));
  }

  /**
   * Appends one option as {@code --key=value} (one argument, so a value can never be read as an option)
   * or {@code --key} for a flag set to true.
   */
  private static void option(String where, String key, JsonNode value, Map<String, Boolean> known,
      List<String> args) {
    if (SET_BY_BATCH.contains(key)) {
      throw new IllegalArgumentException(where + ": option '" + key + "' cannot be set in options"
          + (key.equals("master") ? " (the batch runs every instance in its one Spark application, or on its"
          + " --master)" : " (it is a field of the instance)"));
    }
    Boolean takesValue = known.get(key);
    if (takesValue == null) {
      throw new IllegalArgumentException(where + ": unknown option '" + key + "'; the options are those of"
          + " solve, without dashes: " + new TreeSet<>(known.keySet()));
    }
    if (!takesValue) {
      if (!value.isBoolean()) {
        throw new IllegalArgumentException(where + ": option '" + key + "' is a flag: give true or false, got "
            + value);
      }
      if (value.asBoolean()) {
        args.add("--" + key);
      }
    } else if (value.isValueNode() && !value.isBoolean() && !value.isNull()) {
      args.add("--" + key + "=" + value.asText());
    } else {
      throw new IllegalArgumentException(where + ": option '" + key + "' needs a number or a string, got " + value);
    }
  }

  private static String driverMemory(String where, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || !v.asText().matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new IllegalArgumentException(where + ": driver_memory must be a heap size such as \"512m\" or \"4g\","
          + " got " + v);
    }
    return v.asText();
  }

  private static String required(String where, JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": '" + field + "' (a path) is required");
    }
    return v.asText();
  }
}
