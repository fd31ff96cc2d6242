package dev.apigw.node.dataplane.observability;

import dev.apigw.node.dataplane.observability.CompletedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's {@code accessLogSettings.format}, parsed once: literal text and {@code $context.*}
 * variables. Missing values render as {@code -}, as on AWS. JSON, CLF, XML or CSV formats are all
 * just text with variables. Values are escaped as inside a JSON string ({@code "} and {@code \} with a backslash,
 * control characters as JSON's unicode escapes), whatever the caller put in them, so a JSON format stays valid JSON, a CLF
 * quoted field stays one field, and every request stays on one line.
 */
public final class AccessLogFormat {
  private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_\\-]+)*)");

  private sealed interface Part {}

  private record Text(String text) implements Part {}

  private record Variable(String path) implements Part {}

  private final List<Part> parts;

  private AccessLogFormat(List<Part> parts) {
    this.parts = parts;
  }

  /** Parses {@code format}. */
  public static AccessLogFormat parse(String format) {
    List<Part> parts = new ArrayList<>();
    Matcher m = VARIABLE.matcher(format);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(new Text(format.substring(last, m.start())));
      }
      parts.add(new Variable(m.group(1)));
      last = m.end();
    }
    if (last < format.length()) {
      parts.add(new Text(format.substring(last)));
    }
    return new AccessLogFormat(List.copyOf(parts));
  }

  /** The line for {@code request}. */
  public String render(CompletedRequest request) {
    return render(path -> value(request, path));
  }

  /** The line with each {@code $context.x} from {@code values} (given {@code x}; null renders as {@code -}). */
  public String render(java.util.function.Function<String, Object> values) {
    StringBuilder line = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Text t) {
        line.append(t.text());
      } else if (part instanceof Variable v) {
        Object value = values.apply(v.path());
        if (value == null) {
          line.append('-');
        } else {
          escape(String.valueOf(value), line);
        }
      }
    }
    return line.toString();
  }

  /** Appends {@code value} as the content of a JSON string. */
  static void escape(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  private static Object value(CompletedRequest r, String path) {
    switch (path) {
      case "status":
        return r.status();
      case "responseLength":
        return r.responseLength() < 0 ? null : r.responseLength();
      case "responseLatency":
        return r.latencyMillis();
      case "integrationLatency":
      case "integration.latency":
        return r.integrationLatencyMillis() < 0 ? null : r.integrationLatencyMillis();
      case "error.message":
        return r.error() == null ? null : r.error().getMessage();
      case "error.responseType":
        return r.error() == null ? null : r.error().responseType();
      case "requestId":
        return r.requestId();
      case "extendedRequestId":
        return r.extendedRequestId();
      default:
        break;
    }
    Object v = r.context();
    for (String key : path.split("\\.")) {
      if (!(v instanceof Map<?, ?> map)) {
        return null;
      }
      v = map.get(key);
    }
    return v;
  }
}
