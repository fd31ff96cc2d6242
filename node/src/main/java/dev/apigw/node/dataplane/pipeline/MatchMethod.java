package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.routing.RouteTable;
import dev.apigw.node.dataplane.snapshot.CompiledMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Query;

/**
 * Builds the method request (headers, query string, path parameters) and matches it against the deployment's
 * resources and methods; no match is 403 {@code Missing Authentication Token}, as at AWS.
 */
final class MatchMethod implements RestStep {
  // Pekko's synthetic headers, never the client's.
  private static final List<String> SYNTHETIC = List.of("raw-request-uri", "remote-address", "timeout-access",
      "tls-session-info");

  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    MethodRequest request = methodRequest(ex.http, ex.address.path());
    RouteTable.Match<CompiledMethod> match = ex.deployment.routes().match(request.httpMethod(), ex.address.path());
    ex.request = request;
    if (match == null) {
      throw GatewayErrors.missingAuthenticationToken();
    }
    ex.request = request.withPathParameters(match.pathParameters());
    ex.resource = match.resource();
    ex.method = match.target();
    return CONTINUE;
  }

  static MethodRequest methodRequest(HttpRequest http, String path) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : http.getHeaders()) {
      if (SYNTHETIC.contains(h.lowercaseName())) {
        continue;
      }
      headers.computeIfAbsent(h.name(), k -> new ArrayList<>(1)).add(h.value());
    }
    var contentType = http.entity().getContentType();
    boolean hasBody = !http.entity().isKnownEmpty();
    if (hasBody) {
      headers.putIfAbsent("Content-Type", List.of(contentType.toString()));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    Query q = http.getUri().query();
    for (var pair : q.toList()) {
      query.computeIfAbsent(pair.first(), k -> new ArrayList<>(1)).add(pair.second());
    }
    String mediaType = hasBody ? contentType.mediaType().toString() : null;
    return new MethodRequest(http.method().value(), path, Map.of(), Map.copyOf(query),
        MethodRequest.headerMap(headers), null, mediaType);
  }
}
