package dev.apigw.node.dataplane.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Json;
import java.io.IOException;
import java.util.List;

/**
 * Evaluates a route selection expression such as {@code $request.body.action} or
 * {@code ${request.body.a.b}} against a message: the selected JSON value is the route key.
 */
final class RouteSelection {
  private static final String PREFIX = "request.body.";

  private final List<String> path;

  private RouteSelection(List<String> path) {
    this.path = path;
  }

  /** Parses {@code expression}; an expression of another form selects nothing (every message goes to $default). */
  static RouteSelection parse(String expression) {
    String e = expression == null ? "" : expression.trim();
    if (e.startsWith("${") && e.endsWith("}")) {
      e = e.substring(2, e.length() - 1);
    } else if (e.startsWith("$")) {
      e = e.substring(1);
    }
    if (!e.startsWith(PREFIX) || e.length() == PREFIX.length()) {
      return new RouteSelection(List.of());
    }
    return new RouteSelection(List.of(e.substring(PREFIX.length()).split("\\.")));
  }

  /** The route key {@code message} selects, or null when it is not JSON or lacks the field. */
  String select(String message) {
    if (path.isEmpty() || message == null) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(message);
    } catch (IOException notJson) {
      return null;
    }
    for (String field : path) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(field);
    }
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }
}
