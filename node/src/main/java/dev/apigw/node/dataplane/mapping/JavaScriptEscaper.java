package dev.apigw.node.dataplane.mapping;

import java.util.Locale;

/**
 * JavaScript string escaping as {@code $util.escapeJavaScript} does it: quotes (single quotes too,
 * as AWS documents), backslash, slash and control characters get backslash escapes, and characters
 * outside ASCII become {@code \\uXXXX}.
 */
final class JavaScriptEscaper {
  private JavaScriptEscaper() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\'' -> out.append("\\'");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append("\\/");
        case '\b' -> out.append("\\b");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (ch < 0x20 || ch > 0x7e) {
            out.append("\\u").append(String.format(Locale.ROOT, "%04X", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.toString();
  }
}
