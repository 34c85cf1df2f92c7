package org.attnreg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of a bench run, in the order measured: the source of {@code bench.csv} and of the
 * Markdown tables. A figure is (section, subject, setting, metric, value).
 */
final class Results {
  /** One measured figure. */
  record Figure(String section, String subject, String setting, String metric, double value) {}

  private final List<Figure> figures = new ArrayList<>();

  synchronized void add(String section, String subject, String setting, String metric, double value) {
    figures.add(new Figure(section, subject, setting, metric, value));
  }

  synchronized List<Figure> all() {
    return List.copyOf(figures);
  }

  /** The figures of one section. */
  synchronized List<Figure> section(String section) {
    return figures.stream().filter(f -> f.section().equals(section)).toList();
  }

  /** The value of one figure, or NaN if it was not measured. */
  synchronized double value(String section, String subject, String setting, String metric) {
    return figures.stream()
        .filter(f -> f.section().equals(section) && f.subject().equals(subject) && f.setting().equals(setting)
            && f.metric().equals(metric))
        .mapToDouble(Figure::value).findFirst().orElse(Double.NaN);
  }

  /** CSV with a header; text fields are quoted. */
  synchronized String csv() {
    StringBuilder sb = new StringBuilder("section,subject,setting,metric,value\n");
    for (Figure f : figures) {
      sb.append(quote(f.section())).append(',').append(quote(f.subject())).append(',').append(quote(f.setting()))
          .append(',').append(quote(f.metric())).append(',').append(String.format(Locale.ROOT, "%.6g", f.value()))
          .append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
