package org.attnreg.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The rooms of the house and the one direction of the arrows between them, checked on the compiled
 * classes (so a fully qualified name counts as much as an import):
 *
 * <pre>
 *   linalg → problem → stats → sketch → solver → spark → io, output → job → command
 *          → (cli | ml | analysis | bench | cluster) → org.attnreg.Main
 * </pre>
 *
 * A package may use only packages to its left ({@code io} and {@code output} share a rank:
 * {@code output} may use {@code io}, not the other way round); the five feature packages do not use
 * each other; nothing uses the entry point. The maths ({@code linalg} … {@code solver}) compiles
 * without Spark, Hadoop or Scala, and only the pass runner meets Spark's aggregations.
 */
class ArchitectureTest {
  private static final String ROOT = "org.attnreg";
  private static final Map<String, Integer> RANK = Map.ofEntries(
      Map.entry("linalg", 0), Map.entry("problem", 1), Map.entry("stats", 2), Map.entry("sketch", 3),
      Map.entry("solver", 4), Map.entry("spark", 5), Map.entry("io", 6), Map.entry("output", 7),
      Map.entry("job", 8), Map.entry("command", 9), Map.entry("cli", 10), Map.entry("ml", 10),
      Map.entry("analysis", 10), Map.entry("bench", 10), Map.entry("cluster", 10), Map.entry("", 11));
  private static final Set<String> SPARK_FREE = Set.of("linalg", "problem", "stats", "sketch", "solver");
  private static final List<String> FOREIGN_RUNTIMES = List.of("org/apache/spark/", "org/apache/hadoop/", "scala/");
  private static final Set<String> AGGREGATIONS = Set.of("treeAggregate", "treeReduce", "aggregate", "reduce",
      "broadcast");
  private static final String PASS_RUNNER = "org/attnreg/spark/SparkPassRunner";

  private static final List<ClassFiles> CLASSES = ClassFiles.under(Path.of("target", "classes"));

  /** {@code org.attnreg.analysis.icl} → {@code analysis}; {@code org.attnreg} → "" (the entry point). */
  static String room(String internalName) {
    String pkg = ClassFiles.packageOf(internalName);
    if (pkg.equals(ROOT)) {
      return "";
    }
    String rest = pkg.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static boolean ours(String internalName) {
    return internalName.startsWith("org/attnreg/");
  }

  @Test
  void theClassesWereFound() {
    assertTrue(CLASSES.size() > 100, "read " + CLASSES.size() + " classes under target/classes");
    Set<String> rooms = new TreeSet<>();
    CLASSES.forEach(c -> rooms.add(room(c.name())));
    assertTrue(RANK.keySet().containsAll(rooms), "every package has a place in the order: " + rooms);
  }

  @Test
  void everyArrowPointsLeft() {
    List<String> wrong = new ArrayList<>();
    for (ClassFiles c : CLASSES) {
      String from = room(c.name());
      for (String target : c.referencedClasses()) {
        if (!ours(target)) {
          continue;
        }
        String to = room(target);
        if (!from.equals(to) && RANK.get(to) >= RANK.get(from)) {
          wrong.add(c.name() + " → " + target);
        }
      }
    }
    assertTrue(wrong.isEmpty(), wrong.size() + " references against the package order:\n" + String.join("\n", wrong));
  }

  @Test
  void theMathsHasNoSparkHadoopOrScala() {
    List<String> wrong = new ArrayList<>();
    for (ClassFiles c : CLASSES) {
      if (!SPARK_FREE.contains(room(c.name()))) {
        continue;
      }
      for (String target : c.referencedClasses()) {
        if (FOREIGN_RUNTIMES.stream().anyMatch(target::startsWith)) {
          wrong.add(c.name() + " → " + target);
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void onlyThePassRunnerAggregatesOrBroadcasts() {
    List<String> wrong = new ArrayList<>();
    for (ClassFiles c : CLASSES) {
      if (c.name().equals(PASS_RUNNER) || c.name().startsWith(PASS_RUNNER + "$")) {
        continue;
      }
      for (String call : c.calledMethods()) {
        String owner = call.substring(0, call.indexOf('#'));
        String method = call.substring(call.indexOf('#') + 1);
        if (owner.startsWith("org/apache/spark/") && AGGREGATIONS.contains(method)) {
          wrong.add(c.name() + " calls " + call);
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  /** The checks above can fail: they see a reference the rules forbid when one is there. */
  @Test
  void theReaderSeesFullyQualifiedReferencesAndCalls() {
    ClassFiles runner = CLASSES.stream().filter(c -> c.name().equals(PASS_RUNNER)).findFirst().orElseThrow();
    assertTrue(runner.calledMethods().stream().anyMatch(m -> m.endsWith("#treeAggregate")), runner.calledMethods()
        .toString());
    assertTrue(runner.calledMethods().stream().anyMatch(m -> m.endsWith("#broadcast")));
    ClassFiles evaluator = CLASSES.stream().filter(c -> c.name().equals("org/attnreg/spark/DistributedEvaluator"))
        .findFirst().orElseThrow();
    assertTrue(evaluator.referencedClasses().contains("org/attnreg/solver/RunnerEvaluator"));
  }
}
