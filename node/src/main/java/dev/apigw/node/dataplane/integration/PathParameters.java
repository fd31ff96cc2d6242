package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.protocol.restapi.Resource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which of an integration's path parameters may span several path segments: the matched resource's greedy
 * {@code {name+}} and the integration path parameters mapped from it ({@code integration.request.path.x} from
 * {@code method.request.path.name}). Every other parameter is one segment, its slashes encoded. Immutable.
 */
final class PathParameters {
  private static final String TARGET = "integration.request.path.";
  private static final String SOURCE = "method.request.path.";

  /** Integration path parameter to the method path parameter it is mapped from. */
  private final Map<String, String> mappedFrom;

  /** From an integration's {@code requestParameters} (null: none). */
  PathParameters(Map<String, String> requestParameters) {
    Map<String, String> from = new LinkedHashMap<>();
    if (requestParameters != null) {
      requestParameters.forEach((target, source) -> {
        if (target.startsWith(TARGET) && source != null && source.startsWith(SOURCE)) {
          from.put(target.substring(TARGET.length()), source.substring(SOURCE.length()));
        }
      });
    }
    this.mappedFrom = Map.copyOf(from);
  }

  /** The parameters whose slashes stay separators for a request that matched {@code resource}. */
  Set<String> multiSegment(Resource resource) {
    if (resource == null || !resource.isGreedy()) {
      return Set.of();
    }
    String greedy = resource.pathPart().substring(1, resource.pathPart().length() - 2);
    if (mappedFrom.isEmpty()) {
      return Set.of(greedy);
    }
    Set<String> names = new HashSet<>();
    names.add(greedy);
    mappedFrom.forEach((target, source) -> {
      if (source.equals(greedy)) {
        names.add(target);
      }
    });
    return names;
  }

  /** What a request whose path parameter would leave the integration's path gets: 400, nothing sent. */
  static GatewayError refused() {
    return new GatewayError(ResponseTypes.BAD_REQUEST_PARAMETERS, "Invalid request path");
  }
}
