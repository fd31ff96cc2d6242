package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.restapi.Documentation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI properties of a stage's published documentation version, for the exported operations, parameters and
 * responses they document: a METHOD part's {@code summary}, {@code description}, {@code tags} and {@code x-*}
 * properties go to the operation, a PATH_PARAMETER, QUERY_PARAMETER or REQUEST_HEADER part's {@code description} to
 * the parameter, a RESPONSE part's {@code description} to the response. A part whose location names the method
 * ({@code GET}) or status code wins over one with {@code *}, which documents every method or status of the path.
 */
final class ExportDocumentation {
  static final ExportDocumentation NONE = new ExportDocumentation(List.of());

  /** One location's properties as the export uses them. */
  record Props(String summary, String description, List<String> tags, Map<String, Object> extensions) {}

  private final List<Documentation.Part> parts;

  private ExportDocumentation(List<Documentation.Part> parts) {
    this.parts = parts;
  }

  static ExportDocumentation of(Documentation.Version version) {
    return version == null ? NONE : new ExportDocumentation(List.copyOf(version.parts().values()));
  }

  Optional<Props> method(String path, String httpMethod) {
    return find("METHOD", path, httpMethod, null, null);
  }

  /** {@code in}: path, query or header (the request parameter's place). */
  Optional<Props> parameter(String in, String path, String httpMethod, String name) {
    String type = switch (in) {
      case "path" -> "PATH_PARAMETER";
      case "query" -> "QUERY_PARAMETER";
      case "header" -> "REQUEST_HEADER";
      default -> null;
    };
    return type == null ? Optional.empty() : find(type, path, httpMethod, null, name);
  }

  Optional<Props> response(String path, String httpMethod, String statusCode) {
    return find("RESPONSE", path, httpMethod, statusCode, null);
  }

  private Optional<Props> find(String type, String path, String httpMethod, String statusCode, String name) {
    return parts.stream()
        .filter(p -> p.location().type().equals(type) && path.equals(p.location().path())
            && matches(p.location().method(), httpMethod) && (statusCode == null || matches(p.location().statusCode(), statusCode))
            && (name == null || name.equals(p.location().name())))
        // The most specific location first: a named method, then a named status code.
        .min(Comparator.comparing((Documentation.Part p) -> "*".equals(p.location().method()))
            .thenComparing(p -> "*".equals(p.location().statusCode())))
        .map(p -> props(p.properties()));
  }

  private static boolean matches(String documented, String actual) {
    return documented == null || documented.equals("*") || documented.equals(actual);
  }

  private static Props props(String properties) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(properties);
    } catch (java.io.IOException e) {
      return new Props(null, null, List.of(), Map.of());
    }
    List<String> tags = new ArrayList<>();
    node.path("tags").forEach(t -> {
      if (t.isTextual()) {
        tags.add(t.asText());
      }
    });
    Map<String, Object> extensions = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("x-")) {
        extensions.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
      }
    });
    return new Props(text(node, "summary"), text(node, "description"), List.copyOf(tags), extensions);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
