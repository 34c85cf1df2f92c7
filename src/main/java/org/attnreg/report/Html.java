package org.attnreg.report;

/** Minimal XHTML building: escaped text, so report content can never break the markup. */
final class Html {
  private final StringBuilder out = new StringBuilder();

  /** Text escaped for element content and attribute values. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(isXmlChar(c) ? c : '\uFFFD'); // control characters are not allowed in XML 1.0
      }
    }
    return s.toString();
  }

  private static boolean isXmlChar(char c) {
    return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
  }

  /** Appends markup as is (the caller's own literal tags). */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends {@code <tag>text</tag>} with the text escaped. */
  Html element(String tag, String text) {
    out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append('>');
    return this;
  }

  /** Appends {@code <tag attributes>text</tag>}; {@code attributes} come from {@link #attr}. */
  Html element(String tag, String attributes, String text) {
    out.append('<').append(tag).append(attributes).append('>').append(escape(text)).append("</").append(tag)
        .append('>');
    return this;
  }

  /** One attribute, value escaped, with its leading space: {@code  name="value"}. */
  static String attr(String name, String value) {
    return " " + name + "=\"" + escape(value) + "\"";
  }

  /** Appends one table row of escaped cells, {@code th} or {@code td}. */
  Html row(String cell, Iterable<String> cells) {
    out.append("<tr>");
    for (String c : cells) {
      element(cell, c);
    }
    out.append("</tr>\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
