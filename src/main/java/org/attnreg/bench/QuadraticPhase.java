package org.attnreg.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Passes per iteration in the quadratic phase of one solve, read from its {@code trace.csv}. Row k
 * holds iterate k: its {@code step_size} and {@code damping} describe the step taken from it, its
 * {@code passes} what iteration k (the step from iterate k − 1) cost. The quadratic phase is the
 * iterations after the first whose full step was taken without damping: iteration k ≥ 2 such that
 * row k − 1 has {@code step_size} 1 and {@code damping} 0.
 *
 * @param iterations how many iterations were in the quadratic phase
 * @param passesPerIteration their mean number of passes (NaN when there were none)
 * @param estimated whether the trace had no {@code passes} column, so that iteration k was counted
 *     as row k − 1's {@code value_passes} (its line search) plus one derivative pass (the two-pass scheme)
 */
record QuadraticPhase(int iterations, double passesPerIteration, boolean estimated) {

  /** @throws IllegalArgumentException naming the line and column when the trace cannot be read */
  static QuadraticPhase of(String traceCsv) {
    List<String> lines = traceCsv.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("trace.csv: empty");
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int iteration = column(header, "iteration");
    int step = column(header, "step_size");
    int damping = column(header, "damping");
    boolean estimated = !header.contains("passes");
    int passes = column(header, estimated ? "value_passes" : "passes");
    int count = 0;
    double total = 0.0;
    double[] previous = null; // step_size, damping, passes of the row before
    for (int i = 1; i < lines.size(); i++) {
      // The free-text note is the last column and the only one that may hold commas.
      String[] fields = lines.get(i).split(",", header.size());
      if (fields.length < header.size()) {
        throw new IllegalArgumentException("trace.csv:" + (i + 1) + ": " + fields.length + " fields, the header has "
            + header.size());
      }
      double k = number(fields, iteration, i);
      double[] row = {fields[step].isEmpty() ? Double.NaN : number(fields, step, i), number(fields, damping, i),
          number(fields, passes, i)};
      if (previous != null && k >= 2 && previous[0] == 1.0 && previous[1] == 0.0) {
        // Two-pass scheme: the line search from iterate k − 1, then the derivative pass at iterate k.
        total += estimated ? previous[2] + 1 : row[2];
        count++;
      }
      previous = row;
    }
    return new QuadraticPhase(count, count == 0 ? Double.NaN : total / count, estimated);
  }

  private static int column(List<String> header, String name) {
    int k = header.indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException("trace.csv: no column '" + name + "' in the header " + header);
    }
    return k;
  }

  private static double number(String[] row, int k, int line) {
    try {
      return Double.parseDouble(row[k]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("trace.csv:" + (line + 1) + ": field " + (k + 1) + " '" + row[k]
          + "' is not a number", e);
    }
  }
}
