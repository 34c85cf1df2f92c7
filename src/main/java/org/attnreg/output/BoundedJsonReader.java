package org.attnreg.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document token by token in the order its writer used, with a bound on everything it
 * holds: every array's length is checked as it is read (so a file that declares or contains more
 * than allowed is refused before anything proportional to it is allocated), strings and nesting are
 * capped by the parser, and a free-form object (an identity map) by depth and entry count. Every
 * refusal is an {@link IllegalArgumentException} of one line naming the file and the field.
 */
final class BoundedJsonReader implements AutoCloseable {
  /** Longest string accepted anywhere (notes, warnings, identity values). */
  static final int MAX_STRING = 64 * 1024;
  /** Deepest nesting of the whole document. */
  static final int MAX_DEPTH = 12;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING)
          .maxNumberLength(64).build())
      .build();

  private final String source;
  private final JsonParser parser;

  BoundedJsonReader(String source, InputStream in) {
    this.source = source;
    try {
      this.parser = FACTORY.createParser(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /** Reads the opening brace of an object (the document or a field's value). */
  void startObject(String field) {
    expect(next(field), JsonToken.START_OBJECT, field, "an object");
  }

  /** Reads the closing brace of the object that {@code field} opened; any further field is refused. */
  void endObject(String field) {
    JsonToken t = next(field);
    if (t == JsonToken.FIELD_NAME) {
      throw refuse(field, "unexpected field '" + name() + "'");
    }
    expect(t, JsonToken.END_OBJECT, field, "the end of the object");
  }

  /** Reads the next field's name, which must be {@code name} (the writer's order). */
  void field(String name) {
    JsonToken t = next(name);
    if (t != JsonToken.FIELD_NAME) {
      throw refuse(name, "missing (found " + describe(t) + ")");
    }
    if (!name.equals(name())) {
      throw refuse(name, "expected here, found field '" + name() + "'");
    }
  }

  /** The next field, which must be {@code name}, as a number; messages name it {@code object.name}. */
  double numberField(String object, String name) {
    field(name);
    return number(path(object, name));
  }

  /** The next field, which must be {@code name}, as an integer in {@code [min, max]}. */
  long integerField(String object, String name, long min, long max) {
    field(name);
    return integer(path(object, name), min, max);
  }

  /** The next field, which must be {@code name}, as a string. */
  String stringField(String object, String name) {
    field(name);
    return string(path(object, name));
  }

  private static String path(String object, String name) {
    return object.isEmpty() ? name : object + "." + name;
  }

  /** Whether the object being read has another field; if so its name is current. */
  boolean nextField(String object) {
    JsonToken t = next(object);
    if (t == JsonToken.END_OBJECT) {
      return false;
    }
    expect(t, JsonToken.FIELD_NAME, object, "a field name");
    return true;
  }

  /** The name of the field just read. */
  String name() {
    try {
      return parser.currentName();
    } catch (IOException e) {
      throw malformed("?", e);
    }
  }

  String string(String field) {
    JsonToken t = next(field);
    expect(t, JsonToken.VALUE_STRING, field, "a string");
    return text(field);
  }

  long integer(String field, long min, long max) {
    JsonToken t = next(field);
    expect(t, JsonToken.VALUE_NUMBER_INT, field, "an integer");
    long v;
    try {
      v = parser.getLongValue();
    } catch (IOException e) {
      throw refuse(field, "the integer " + text(field) + " is out of range");
    }
    if (v < min || v > max) {
      throw refuse(field, v + " is outside [" + min + ", " + max + "]");
    }
    return v;
  }

  /** A double: a JSON number, or the strings NaN, Infinity, -Infinity. */
  double number(String field) {
    return number(field, next(field));
  }

  private double number(String field, JsonToken t) {
    try {
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return parser.getDoubleValue();
      }
      if (t == JsonToken.VALUE_STRING) {
        String s = text(field);
        if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
          return Double.parseDouble(s);
        }
        throw refuse(field, "'" + s + "' is not a number");
      }
    } catch (IOException e) {
      throw malformed(field, e);
    }
    throw refuse(field, "expected a number, found " + describe(t));
  }

  /** An array of exactly {@code length} doubles. */
  double[] doubles(String field, int length) {
    double[] x = doublesAtMost(field, length);
    if (x.length != length) {
      throw refuse(field, "holds " + x.length + " numbers, expected " + length);
    }
    return x;
  }

  /** An array of at most {@code max} doubles; refused at entry max + 1, before it is stored. */
  double[] doublesAtMost(String field, int max) {
    expect(next(field), JsonToken.START_ARRAY, field, "an array");
    double[] x = new double[Math.min(max, 16)];
    int n = 0;
    for (JsonToken t = next(field); t != JsonToken.END_ARRAY; t = next(field)) {
      if (n == max) {
        throw refuse(field, "holds more than the " + max + " numbers allowed here");
      }
      if (n == x.length) {
        x = java.util.Arrays.copyOf(x, (int) Math.min(max, 2L * x.length));
      }
      x[n++] = number(field + "[" + (n - 1) + "]", t);
    }
    return n == x.length ? x : java.util.Arrays.copyOf(x, n);
  }

  /** Opens an array; {@link #hasElement} then says whether another element follows. */
  void startArray(String field) {
    expect(next(field), JsonToken.START_ARRAY, field, "an array");
  }

  /**
   * Whether the array being read has another element (its first token is then current); refused
   * when it would be element {@code max + 1}.
   */
  boolean hasElement(String field, int index, int max) {
    JsonToken t = next(field);
    if (t == JsonToken.END_ARRAY) {
      return false;
    }
    if (index >= max) {
      throw refuse(field, "holds more than the " + max + " entries allowed here");
    }
    return true;
  }

  /** The current token as a string (after {@link #hasElement}). */
  String currentString(String field) {
    expect(parser.currentToken(), JsonToken.VALUE_STRING, field, "a string");
    return text(field);
  }

  /** Requires the current token (after {@link #hasElement}) to open an object. */
  void currentIsObject(String field) {
    expect(parser.currentToken(), JsonToken.START_OBJECT, field, "an object");
  }

  /** Requires the current token (after {@link #hasElement}) to open an array, then reads it as doubles. */
  double[] currentDoubles(String field, int length) {
    expect(parser.currentToken(), JsonToken.START_ARRAY, field, "an array");
    double[] x = new double[length];
    int n = 0;
    for (JsonToken t = next(field); t != JsonToken.END_ARRAY; t = next(field)) {
      if (n == length) {
        throw refuse(field, "holds more than the " + length + " numbers allowed here");
      }
      x[n++] = number(field + "[" + (n - 1) + "]", t);
    }
    if (n != length) {
      throw refuse(field, "holds " + n + " numbers, expected " + length);
    }
    return x;
  }

  /**
   * A free-form object (maps, lists, strings, numbers, booleans, null) of at most {@code maxEntries}
   * values in all, nested at most {@code maxDepth} deep.
   */
  Map<String, Object> tree(String field, int maxDepth, int maxEntries) {
    startObject(field);
    int[] budget = {maxEntries};
    return object(field, 1, maxDepth, budget);
  }

  private Map<String, Object> object(String path, int depth, int maxDepth, int[] budget) {
    Map<String, Object> m = new LinkedHashMap<>();
    while (nextField(path)) {
      String key = name();
      m.put(key, value(path + "." + key, next(path + "." + key), depth, maxDepth, budget));
    }
    return m;
  }

  private Object value(String path, JsonToken t, int depth, int maxDepth, int[] budget) {
    if (--budget[0] < 0) {
      throw refuse(path, "more values than the identity of a run can have");
    }
    try {
      switch (t) {
        case START_OBJECT, START_ARRAY -> {
          if (depth >= maxDepth) {
            throw refuse(path, "nested deeper than " + maxDepth + " levels");
          }
          if (t == JsonToken.START_OBJECT) {
            return object(path, depth + 1, maxDepth, budget);
          }
          List<Object> list = new ArrayList<>();
          for (JsonToken e = next(path); e != JsonToken.END_ARRAY; e = next(path)) {
            list.add(value(path + "[" + list.size() + "]", e, depth + 1, maxDepth, budget));
          }
          return list;
        }
        case VALUE_STRING -> {
          return text(path);
        }
        case VALUE_NUMBER_INT -> {
          return parser.getNumberValue();
        }
        case VALUE_NUMBER_FLOAT -> {
          return parser.getDoubleValue();
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          return t == JsonToken.VALUE_TRUE;
        }
        case VALUE_NULL -> {
          return null;
        }
        default -> throw refuse(path, "unexpected " + describe(t));
      }
    } catch (IOException e) {
      throw malformed(path, e);
    }
  }

  /** Requires the document to end here. */
  void end() {
    JsonToken t = next("(end)");
    if (t != null) {
      throw refuse("(end)", "content after the end of the checkpoint: " + describe(t));
    }
  }

  IllegalArgumentException refuse(String field, String why) {
    return new IllegalArgumentException(source + ": field '" + field + "': " + why);
  }

  private JsonToken next(String field) {
    try {
      return parser.nextToken();
    } catch (IOException e) {
      throw malformed(field, e);
    }
  }

  private String text(String field) {
    try {
      return parser.getText();
    } catch (IOException e) {
      throw malformed(field, e);
    }
  }

  private void expect(JsonToken t, JsonToken wanted, String field, String what) {
    if (t == null) {
      throw refuse(field, "the file ends here: truncated");
    }
    if (t != wanted) {
      throw refuse(field, "expected " + what + ", found " + describe(t));
    }
  }

  private String describe(JsonToken t) {
    if (t == null) {
      return "the end of the file (truncated)";
    }
    return switch (t) {
      case FIELD_NAME -> "field '" + name() + "'";
      case VALUE_STRING -> "the string '" + abbreviated(text("?")) + "'";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text("?");
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_ARRAY -> "the end of an array";
      case END_OBJECT -> "the end of an object";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }

  private static String abbreviated(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** A parse failure (not JSON, truncated, a parser limit) as one line with its position. */
  private IllegalArgumentException malformed(String field, IOException e) {
    String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    String at = e instanceof JsonProcessingException j && j.getLocation() != null
        ? " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")" : "";
    String line = why == null ? e.getClass().getSimpleName() : why.lines().findFirst().orElse(why);
    return new IllegalArgumentException(source + ": field '" + field + "': not valid checkpoint JSON" + at + ": "
        + (line.length() > 200 ? line.substring(0, 200) + "…" : line));
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException ignored) {
      // reading is over; a close failure changes nothing
    }
  }
}
