package dev.apigw.node.dataplane.authorizers;

import dev.apigw.node.dataplane.request.MethodRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of an authorizer's {@code identitySource} expressions: {@code method.request.header.X},
 * {@code method.request.querystring.X} (WebSocket APIs: {@code route.request.header.X}, {@code
 * route.request.querystring.X}), {@code stageVariables.X} or {@code context.X} (dots walk into
 * {@code $context}, e.g. {@code context.identity.sourceIp}); HTTP APIs write them {@code $request.header.X}, {@code
 * $request.querystring.X}, {@code $stageVariables.X} and {@code $context.X}.
 *
 * @param kind where the value comes from
 * @param name the header, parameter, variable or context path
 */
public record IdentitySource(Kind kind, String name) {
  /** Where an identity value is read. */
  public enum Kind { HEADER, QUERY, STAGE_VARIABLE, CONTEXT }

  private static final String HEADER = "method.request.header.";
  private static final String QUERY = "method.request.querystring.";
  // WebSocket APIs name the handshake's headers and query string so.
  private static final String ROUTE_HEADER = "route.request.header.";
  private static final String ROUTE_QUERY = "route.request.querystring.";
  // HTTP APIs name them as selection expressions.
  private static final String REQUEST_HEADER = "$request.header.";
  private static final String REQUEST_QUERY = "$request.querystring.";
  private static final String REQUEST_STAGE = "$stageVariables.";
  private static final String REQUEST_CONTEXT = "$context.";
  private static final String STAGE = "stageVariables.";
  private static final String CONTEXT = "context.";

  /**
   * Parses a comma-separated {@code identitySource}; blank gives an empty list.
   *
   * @throws IllegalArgumentException for an expression of no known form
   */
  public static List<IdentitySource> parseAll(String identitySource) {
    List<IdentitySource> sources = new ArrayList<>();
    if (identitySource == null || identitySource.isBlank()) {
      return sources;
    }
    for (String part : identitySource.split(",")) {
      sources.add(parse(part.trim()));
    }
    return List.copyOf(sources);
  }

  /** Parses one expression. */
  public static IdentitySource parse(String expression) {
    for (var prefix : List.of(Map.entry(HEADER, Kind.HEADER), Map.entry(QUERY, Kind.QUERY),
        Map.entry(ROUTE_HEADER, Kind.HEADER), Map.entry(ROUTE_QUERY, Kind.QUERY),
        Map.entry(REQUEST_HEADER, Kind.HEADER), Map.entry(REQUEST_QUERY, Kind.QUERY),
        Map.entry(REQUEST_STAGE, Kind.STAGE_VARIABLE), Map.entry(REQUEST_CONTEXT, Kind.CONTEXT),
        Map.entry(STAGE, Kind.STAGE_VARIABLE), Map.entry(CONTEXT, Kind.CONTEXT))) {
      if (expression.startsWith(prefix.getKey()) && expression.length() > prefix.getKey().length()) {
        return new IdentitySource(prefix.getValue(), expression.substring(prefix.getKey().length()));
      }
    }
    throw new IllegalArgumentException("identitySource: " + expression + " (expected: method.request.header.X, "
        + "method.request.querystring.X, route.request.header.X, route.request.querystring.X, stageVariables.X, "
        + "context.X, $request.header.X, $request.querystring.X, $stageVariables.X or $context.X)");
  }

  /** The value for one request, or null when it is absent. */
  public String valueIn(MethodRequest request, Map<String, String> stageVariables, Map<String, Object> context) {
    return switch (kind) {
      case HEADER -> request.header(name);
      case QUERY -> {
        List<String> values = request.query().get(name);
        yield values == null || values.isEmpty() ? null : values.get(values.size() - 1);
      }
      case STAGE_VARIABLE -> stageVariables.get(name);
      case CONTEXT -> contextValue(context, name);
    };
  }

  private static String contextValue(Map<String, Object> context, String path) {
    Object current = context;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current == null || current instanceof Map ? null : current.toString();
  }
}
