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

/**
 * The instances of a batch, from a JSON manifest: an array (or {@code {"instances": [...]}}) of
 * objects with {@code name} (optional; default {@code instance-N}), {@code input}, {@code family}
 * (optional, default softmax), {@code out}, and {@code options}: any {@code solve} option by its
 * long name without dashes, e.g. {@code {"max-iter": 20, "format": "csv", "header": true}}
 * ({@code true} passes a flag, {@code false} omits it). {@code master} is refused: the instances
 * share the batch's one Spark application.
 */
public final class BatchManifest {
  private static final Set<String> RESERVED = Set.of("input", "out", "family", "master", "help", "version");

  private BatchManifest() {}

  /** One instance: its name and its {@code solve} command line. */
  public record Instance(String name, String out, List<String> solveArgs) {}

  /**
   * @param source names the manifest in messages
   * @throws IllegalArgumentException naming the manifest, the entry and the field at fault
   */
  public static List<Instance> parse(String source, String json) {
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
    Set<String> names = new HashSet<>();
    Set<String> outs = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Instance instance = instance(source + ": instance " + (i + 1), list.get(i), i + 1);
      if (!names.add(instance.name())) {
        throw new IllegalArgumentException(source + ": the name '" + instance.name() + "' is used twice");
      }
      if (!outs.add(instance.out())) {
        throw new IllegalArgumentException(source + ": the output directory '" + instance.out() + "' is used twice");
      }
      out.add(instance);
    }
    return out;
  }

  private static Instance instance(String where, JsonNode entry, int number) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object, got " + entry);
    }
    String name = entry.hasNonNull("name") ? entry.get("name").asText() : "instance-" + number;
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(where + ": name '" + name + "' may hold only letters, digits, '.', '_', '-'");
    }
    String input = required(where, entry, "input");
    String out = required(where, entry, "out");
    List<String> args = new ArrayList<>(List.of("solve", "--family",
        entry.hasNonNull("family") ? entry.get("family").asText() : SolveOptions.DEFAULT_FAMILY, "--input", input,
        "--out", out));
    JsonNode options = entry.get("options");
    if (options != null && !options.isNull()) {
      if (!options.isObject()) {
        throw new IllegalArgumentException(where + ": options must be an object, got " + options);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> o = it.next();
        String key = o.getKey().replaceFirst("^--", "");
        if (RESERVED.contains(key)) {
          throw new IllegalArgumentException(where + ": option '" + key + "' cannot be set in options"
              + (key.equals("master") ? " (the batch runs every instance in its one Spark application)" : ""));
        }
        if (o.getValue().isBoolean()) {
          if (o.getValue().asBoolean()) {
            args.add("--" + key);
          }
        } else if (o.getValue().isValueNode()) {
          args.add("--" + key);
          args.add(o.getValue().asText());
        } else {
          throw new IllegalArgumentException(where + ": option '" + key + "' must be a number, string or boolean");
        }
      }
    }
    return new Instance(name, out, List.copyOf(args));
  }

  private static String required(String where, JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": '" + field + "' (a path) is required");
    }
    return v.asText();
  }
}
