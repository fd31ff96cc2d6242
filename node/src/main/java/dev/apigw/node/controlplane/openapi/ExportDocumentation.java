package dev.apigw.node.controlplane.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.restapi.Documentation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OpenAPI properties of a stage's published documentation version, for the exported entities they document
 * (AWS's "Representation of API documentation": OpenAPI-compliant content attributes are propagated into the API
 * entity definitions). The API part's {@code info} goes to the document's info, a RESOURCE part to the path item, a
 * METHOD part to the operation, parameter, request body and response header parts to those, a RESPONSE part to the
 * response, a MODEL part to the schema and an AUTHORIZER part to the security scheme.
 *
 * <p>Inheritance as AWS documents it: a part of an inheritable type documents every entity whose path has the part's
 * path as a prefix and whose method and status code equal the part's or the part has {@code *}; the most specific part
 * wins (longest path, then a named method, then a named status code). METHOD and REQUEST_BODY parts document their own
 * path only: AWS's DocumentationPartLocation reference says content inheritance does not apply to those types.
 */
final class ExportDocumentation {
  static final ExportDocumentation NONE = new ExportDocumentation(List.of());

  /** Types that document children (DocumentationPartLocation: all but API, AUTHORIZER, METHOD, MODEL, REQUEST_BODY, RESOURCE). */
  private static final Set<String> INHERITED = Set.of("PATH_PARAMETER", "QUERY_PARAMETER", "REQUEST_HEADER", "RESPONSE",
      "RESPONSE_HEADER", "RESPONSE_BODY");

  /** One location's properties (a JSON object) as the export uses them. */
  record Props(JsonNode node) {
    String summary() {
      return text("summary");
    }

    String description() {
      return text("description");
    }

    String title() {
      return text("title");
    }

    String text(String field) {
      JsonNode v = node.get(field);
      return v != null && v.isTextual() ? v.asText() : null;
    }

    List<String> tags() {
      List<String> tags = new ArrayList<>();
      node.path("tags").forEach(t -> {
        if (t.isTextual()) {
          tags.add(t.asText());
        }
      });
      return List.copyOf(tags);
    }

    /** The {@code x-*} properties: OpenAPI extensions, which every OpenAPI object takes. */
    Map<String, Object> extensions() {
      Map<String, Object> extensions = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> {
        if (e.getKey().startsWith("x-")) {
          extensions.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
        }
      });
      return extensions;
    }

    /** The nested object {@code field} (e.g. the API part's {@code info}), when it is one. */
    Optional<Props> object(String field) {
      JsonNode v = node.get(field);
      return v != null && v.isObject() ? Optional.of(new Props(v)) : Optional.empty();
    }
  }

  private final List<Documentation.Part> parts;

  private ExportDocumentation(List<Documentation.Part> parts) {
    this.parts = parts;
  }

  static ExportDocumentation of(Documentation.Version version) {
    return version == null ? NONE : new ExportDocumentation(List.copyOf(version.parts().values()));
  }

  Optional<Props> api() {
    return find("API", p -> true);
  }

  Optional<Props> resource(String path) {
    return find("RESOURCE", p -> path.equals(p.path()));
  }

  Optional<Props> method(String path, String httpMethod) {
    return find("METHOD", at(path, httpMethod, null, null));
  }

  /** {@code in}: path, query or header (the request parameter's place). */
  Optional<Props> parameter(String in, String path, String httpMethod, String name) {
    String type = switch (in) {
      case "path" -> "PATH_PARAMETER";
      case "query" -> "QUERY_PARAMETER";
      case "header" -> "REQUEST_HEADER";
      default -> null;
    };
    return type == null ? Optional.empty() : find(type, at(path, httpMethod, null, name));
  }

  Optional<Props> requestBody(String path, String httpMethod) {
    return find("REQUEST_BODY", at(path, httpMethod, null, null));
  }

  Optional<Props> response(String path, String httpMethod, String statusCode) {
    return find("RESPONSE", at(path, httpMethod, statusCode, null));
  }

  Optional<Props> responseHeader(String path, String httpMethod, String statusCode, String name) {
    return find("RESPONSE_HEADER", at(path, httpMethod, statusCode, name));
  }

  Optional<Props> model(String name) {
    return find("MODEL", p -> name.equals(p.name()));
  }

  Optional<Props> authorizer(String name) {
    return find("AUTHORIZER", p -> name.equals(p.name()));
  }

  /** Locations that document the entity at this path, method, status code and name (null: not part of the location). */
  private static Predicate<Documentation.Location> at(String path, String httpMethod, String statusCode, String name) {
    return l -> pathMatches(l, path) && matches(l.method(), httpMethod)
        && (statusCode == null || matches(l.statusCode(), statusCode)) && (name == null || name.equals(l.name()));
  }

  private static boolean pathMatches(Documentation.Location l, String path) {
    String documented = l.path();
    if (documented == null || documented.equals(path)) {
      return true;
    }
    // A parent resource's path is a prefix of its children's, segment by segment ("/pets" of "/pets/{id}").
    return INHERITED.contains(l.type()) && (documented.equals("/") || path.startsWith(documented + "/"));
  }

  private Optional<Props> find(String type, Predicate<Documentation.Location> applies) {
    return parts.stream()
        .filter(p -> p.location().type().equals(type) && applies.test(p.location()))
        // The most specific location first: the longest path, then a named method, then a named status code.
        .min(Comparator.comparing((Documentation.Part p) -> -(p.location().path() == null ? 0 : p.location().path().length()))
            .thenComparing(p -> "*".equals(p.location().method()))
            .thenComparing(p -> "*".equals(p.location().statusCode())))
        .map(p -> props(p.properties()));
  }

  private static boolean matches(String documented, String actual) {
    return documented == null || documented.equals("*") || documented.equals(actual);
  }

  private static Props props(String properties) {
    try {
      JsonNode node = Json.MAPPER.readTree(properties);
      return new Props(node != null && node.isObject() ? node : MissingNode.getInstance());
    } catch (java.io.IOException e) {
      return new Props(MissingNode.getInstance());
    }
  }
}
