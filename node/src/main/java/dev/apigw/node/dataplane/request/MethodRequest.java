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
 * The method request as the client sent it, in the shapes mappings and templates read. Immutable to its readers; a
 * request built from a received one ({@link #of}) makes its header and query maps when first read, as a proxied
 * request without mappings never reads them (they showed in the proxy benchmark's profile).
 */
public final class MethodRequest {
  // Pekko's synthetic headers, never the client's.
  private static final List<String> SYNTHETIC = List.of("raw-request-uri", "remote-address", "timeout-access",
      "tls-session-info");

  private final String httpMethod;
  private final String path;
  private final Map<String, String> pathParameters;
  private final byte[] body;
  private final String contentType;
  /** The received request the maps are made from when first read; null when they were given. */
  private final HttpRequest received;
  private Map<String, List<String>> query;
  private Map<String, List<String>> headers;

  /**
   * @param httpMethod the request's method
   * @param path the path inside the stage, percent-encoded as received
   * @param pathParameters decoded path parameters of the matched resource
   * @param query multi-value query string parameters, decoded, in order
   * @param headers multi-value headers; names compare case-insensitively
   * @param body the body, empty when there is none; null while it streams (HTTP_PROXY)
   * @param contentType the media type of the body without parameters, or null
   */
  public MethodRequest(String httpMethod, String path, Map<String, String> pathParameters,
      Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body, String contentType) {
    this(httpMethod, path, pathParameters, query, headers, body, contentType, null);
  }

  private MethodRequest(String httpMethod, String path, Map<String, String> pathParameters,
      Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body, String contentType,
      HttpRequest received) {
    this.httpMethod = httpMethod;
    this.path = path;
    this.pathParameters = pathParameters;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.contentType = contentType;
    this.received = received;
  }

  /**
   * The request as received at {@code path} (inside the stage), before any route or resource matched: headers
   * (Content-Type from the entity when there is a body), decoded query parameters; no body read yet (null).
   */
  public static MethodRequest of(HttpRequest http, String path) {
    boolean hasBody = !http.entity().isKnownEmpty();
    String mediaType = hasBody ? http.entity().getContentType().mediaType().toString() : null;
    return new MethodRequest(http.method().value(), path, Map.of(), null, null, null, mediaType, http);
  }

  /** A case-insensitive, unmodifiable copy of {@code headers}. */
  public static Map<String, List<String>> headerMap(Map<String, List<String>> headers) {
    var map = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    map.putAll(headers);
    return Collections.unmodifiableMap(map);
  }

  /** The request's method. */
  public String httpMethod() {
    return httpMethod;
  }

  /** The path inside the stage, percent-encoded as received. */
  public String path() {
    return path;
  }

  /** Decoded path parameters of the matched resource. */
  public Map<String, String> pathParameters() {
    return pathParameters;
  }

  /** Multi-value query string parameters, decoded, in order. */
  public Map<String, List<String>> query() {
    if (query == null) {
      Map<String, List<String>> q = new LinkedHashMap<>();
      Query parsed = received.getUri().query();
      for (var pair : parsed.toList()) {
        q.computeIfAbsent(pair.first(), k -> new ArrayList<>(1)).add(pair.second());
      }
      query = Map.copyOf(q);
    }
    return query;
  }

  /** Multi-value headers; names compare case-insensitively. */
  public Map<String, List<String>> headers() {
    if (headers == null) {
      Map<String, List<String>> h = new LinkedHashMap<>();
      for (HttpHeader header : received.getHeaders()) {
        if (!SYNTHETIC.contains(header.lowercaseName())) {
          h.computeIfAbsent(header.name(), k -> new ArrayList<>(1)).add(header.value());
        }
      }
      if (contentType != null) {
        h.putIfAbsent("Content-Type", List.of(received.entity().getContentType().toString()));
      }
      headers = headerMap(h);
    }
    return headers;
  }

  /** The body, empty when there is none; null while it streams (HTTP_PROXY). */
  public byte[] body() {
    return body;
  }

  /** The media type of the body without parameters, or null. */
  public String contentType() {
    return contentType;
  }

  /** The first value of header {@code name}, or null. */
  public String header(String name) {
    List<String> values = headers().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The same request with its body read. */
  public MethodRequest withBody(byte[] bytes) {
    return new MethodRequest(httpMethod, path, pathParameters, query, headers, bytes, contentType, received);
  }

  /** The same request with the matched resource's path parameters. */
  public MethodRequest withPathParameters(Map<String, String> params) {
    return new MethodRequest(httpMethod, path, params, query, headers, body, contentType, received);
  }
}
