package dev.apigw.node.dataplane.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API deployment's routes, compiled once per deployment, ordered so that the first route that matches a
 * request is the one AWS picks: a full match (literals and {@code {var}}) before a greedy {@code {proxy+}}; among
 * those, a literal segment before a variable, compared from the left; then a specific method before {@code ANY};
 * {@code $default} last. Immutable and thread-safe.
 *
 * @param <R> what a route carries (the route itself in the data plane)
 */
public final class RouteMatcher<R> {
  /**
   * The route a request matched.
   *
   * @param route the route
   * @param key its parsed key
   * @param pathParameters its variables' values, percent-decoded
   */
  public record Match<R>(R route, RouteKey key, Map<String, String> pathParameters) {}

  private record Entry<R>(RouteKey key, R route) {}

  private final List<Entry<R>> ordered;
  private final Entry<R> fallback;

  private RouteMatcher(List<Entry<R>> ordered, Entry<R> fallback) {
    this.ordered = ordered;
    this.fallback = fallback;
  }

  /**
   * Compiles {@code routes} (route key to route). A key that does not parse is left out: the control plane refuses
   * such keys, so only a hand-made definition has one.
   */
  public static <R> RouteMatcher<R> compile(Map<String, R> routes) {
    List<Entry<R>> entries = new ArrayList<>();
    Entry<R> fallback = null;
    for (var e : routes.entrySet()) {
      RouteKey key;
      try {
        key = RouteKey.parse(e.getKey());
      } catch (IllegalArgumentException bad) {
        continue;
      }
      if (key.isDefault()) {
        fallback = new Entry<>(key, e.getValue());
      } else {
        entries.add(new Entry<>(key, e.getValue()));
      }
    }
    entries.sort(PRECEDENCE);
    return new RouteMatcher<>(List.copyOf(entries), fallback);
  }

  private static final Comparator<Entry<?>> PRECEDENCE = (a, b) -> {
    RouteKey x = a.key();
    RouteKey y = b.key();
    if (x.isGreedy() != y.isGreedy()) {
      return x.isGreedy() ? 1 : -1;
    }
    int n = Math.min(x.segments().size(), y.segments().size());
    for (int i = 0; i < n; i++) {
      int c = x.segments().get(i).kind().compareTo(y.segments().get(i).kind());
      if (c != 0) {
        return c;
      }
    }
    // Among greedy routes the longer prefix is the more specific one.
    int length = Integer.compare(y.segments().size(), x.segments().size());
    if (length != 0) {
      return length;
    }
    boolean xAny = "ANY".equals(x.method());
    boolean yAny = "ANY".equals(y.method());
    return xAny == yAny ? 0 : xAny ? 1 : -1;
  };

  /**
   * The route for {@code method} and {@code rawPath} (percent-encoded as received, starting with {@code /}); the
   * {@code $default} route when nothing else matches; null when there is none either.
   */
  public Match<R> match(String method, String rawPath) {
    String[] parts = split(rawPath);
    for (Entry<R> e : ordered) {
      RouteKey key = e.key();
      if (!key.method().equals(method) && !"ANY".equals(key.method())) {
        continue;
      }
      Map<String, String> params = matchPath(key, parts);
      if (params != null) {
        return new Match<>(e.route(), key, params);
      }
    }
    return fallback == null ? null : new Match<>(fallback.route(), fallback.key(), Map.of());
  }

  /** Whether there is no route at all, not even {@code $default}. */
  public boolean isEmpty() {
    return ordered.isEmpty() && fallback == null;
  }

  private static String[] split(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    return path.isEmpty() ? new String[0] : path.split("/", -1);
  }

  private static Map<String, String> matchPath(RouteKey key, String[] parts) {
    List<RouteKey.Segment> segments = key.segments();
    boolean greedy = key.isGreedy();
    int fixed = greedy ? segments.size() - 1 : segments.size();
    if (greedy ? parts.length <= fixed : parts.length != fixed) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < fixed; i++) {
      RouteKey.Segment s = segments.get(i);
      if (s.kind() == RouteKey.Kind.LITERAL) {
        if (!s.text().equals(parts[i])) {
          return null;
        }
      } else {
        if (parts[i].isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new LinkedHashMap<>();
        }
        params.put(s.text(), decode(parts[i]));
      }
    }
    if (greedy) {
      String rest = String.join("/", java.util.Arrays.copyOfRange(parts, fixed, parts.length));
      if (rest.isEmpty()) {
        return null;
      }
      if (params == null) {
        params = new LinkedHashMap<>();
      }
      params.put(segments.get(fixed).text(), decode(rest));
    }
    return params == null ? Map.of() : Map.copyOf(params);
  }

  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }
}
