package dev.apigw.node.dataplane.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed HTTP API route key: {@code $default}, or {@code METHOD /path} where the method may be {@code ANY} and the
 * path's segments are literals, {@code {name}} or a trailing greedy {@code {name+}}.
 *
 * @param method the upper-case method, {@code ANY}, or null for {@code $default}
 * @param segments the path's segments ({@code /} has none)
 */
public record RouteKey(String method, List<Segment> segments) {
  /** The catch-all route key. */
  public static final String DEFAULT = "$default";

  /** What a path segment of a route matches; the order is the precedence: literal before variable before greedy. */
  public enum Kind { LITERAL, VARIABLE, GREEDY }

  /**
   * One segment of a route's path.
   *
   * @param kind what it matches
   * @param text the literal, or the variable's name (without braces and {@code +})
   */
  public record Segment(Kind kind, String text) {}

  public RouteKey {
    segments = List.copyOf(segments);
  }

  /** Whether this is {@code $default}. */
  public boolean isDefault() {
    return method == null;
  }

  /** Whether the path ends in a greedy variable. */
  public boolean isGreedy() {
    return !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.GREEDY;
  }

  /**
   * Parses {@code key}.
   *
   * @throws IllegalArgumentException when it is neither {@code $default} nor {@code METHOD /path}
   */
  public static RouteKey parse(String key) {
    if (DEFAULT.equals(key)) {
      return new RouteKey(null, List.of());
    }
    int space = key == null ? -1 : key.indexOf(' ');
    if (space <= 0 || !key.startsWith("/", space + 1)) {
      throw new IllegalArgumentException("route key: " + key + " (expected: $default or METHOD /path)");
    }
    String method = key.substring(0, space).toUpperCase(Locale.ROOT);
    String path = key.substring(space + 1);
    List<Segment> segments = new ArrayList<>();
    String[] parts = path.substring(1).split("/", -1);
    if (!(parts.length == 1 && parts[0].isEmpty())) {
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
          boolean greedy = p.endsWith("+}");
          if (greedy && i != parts.length - 1) {
            throw new IllegalArgumentException("route key: " + key + " (expected: a greedy {name+} only at the end)");
          }
          String name = p.substring(1, p.length() - (greedy ? 2 : 1));
          segments.add(new Segment(greedy ? Kind.GREEDY : Kind.VARIABLE, name));
        } else {
          segments.add(new Segment(Kind.LITERAL, p));
        }
      }
    }
    return new RouteKey(method, segments);
  }
}
