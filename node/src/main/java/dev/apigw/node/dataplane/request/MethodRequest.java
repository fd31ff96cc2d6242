package dev.apigw.node.dataplane.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Query;

/**
 * The method request as the client sent it, in the shapes mappings and templates read.
 *
 * @param httpMethod the request's method
 * @param path the path inside the stage, percent-encoded as received
 * @param pathParameters decoded path parameters of the matched resource
 * @param query multi-value query string parameters, decoded, in order
 * @param headers multi-value headers; names compare case-insensitively
 * @param body the body, empty when there is none; null while it streams (HTTP_PROXY)
 * @param contentType the media type of the body without parameters, or null
 */
public record MethodRequest(
    String httpMethod,
    String path,
    Map<String, String> pathParameters,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    String contentType) {

  // Pekko's synthetic headers, never the client's.
  private static final List<String> SYNTHETIC = List.of("raw-request-uri", "remote-address", "timeout-access",
      "tls-session-info");

  /**
   * The request as received at {@code path} (inside the stage), before any route or resource matched: headers
   * (Content-Type from the entity when there is a body), decoded query parameters; no body read yet (null).
   */
  public static MethodRequest of(HttpRequest http, String path) {
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
        headerMap(headers), null, mediaType);
  }

  /** A case-insensitive, unmodifiable copy of {@code headers}. */
  public static Map<String, List<String>> headerMap(Map<String, List<String>> headers) {
    var map = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    map.putAll(headers);
    return Collections.unmodifiableMap(map);
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The same request with its body read. */
  public MethodRequest withBody(byte[] bytes) {
    return new MethodRequest(httpMethod, path, pathParameters, query, headers, bytes, contentType);
  }

  /** The same request with the matched resource's path parameters. */
  public MethodRequest withPathParameters(Map<String, String> params) {
    return new MethodRequest(httpMethod, path, params, query, headers, body, contentType);
  }
}
