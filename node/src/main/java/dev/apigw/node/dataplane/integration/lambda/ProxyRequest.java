package dev.apigw.node.dataplane.integration.lambda;

import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.node.dataplane.request.MethodRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Lambda proxy event (payload format 1.0) is made of, as the data plane received
 * and resolved it. Maps keep their order; they may be empty, never null.
 *
 * @param resource the matched resource path, e.g. {@code /pets/{id}}
 * @param path the request path, e.g. {@code /pets/7}
 * @param httpMethod the request's method, e.g. {@code GET}
 * @param headers header name to every value received, in arrival order
 * @param queryString query parameter name to every value received, in arrival order
 * @param pathParameters path parameter name to its value
 * @param stageVariables the stage's variables
 * @param requestContext the request context as built by the caller (accountId, apiId, stage,
 *     identity, authorizer, ...); values may be null, maps and lists nest
 * @param body the request body; empty when there is none
 * @param isBase64Encoded whether the body goes into the event base64-encoded (a binary media type)
 */
public record ProxyRequest(
    String resource,
    String path,
    String httpMethod,
    Map<String, List<String>> headers,
    Map<String, List<String>> queryString,
    Map<String, String> pathParameters,
    Map<String, String> stageVariables,
    Map<String, Object> requestContext,
    byte[] body,
    boolean isBase64Encoded) {

  /** Copies every map (keeping order) so the record stays immutable; null maps and body become empty. */
  public ProxyRequest {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(httpMethod, "httpMethod");
    headers = copyMulti(headers);
    queryString = copyMulti(queryString);
    pathParameters = copy(pathParameters);
    stageVariables = copy(stageVariables);
    requestContext = copy(requestContext);
    body = body == null ? new byte[0] : body.clone();
  }

  /** The event for a matched request: path decoded as AWS does; the body base64-encoded when {@code binary}. */
  public static ProxyRequest of(Invocation inv, boolean binary) {
    MethodRequest r = inv.request();
    return new ProxyRequest(inv.resource().path(), decodedPath(r.path()), r.httpMethod(), r.headers(), r.query(),
        r.pathParameters(), inv.stageVariables(), inv.context(), r.body(), binary);
  }

  private static String decodedPath(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  private static Map<String, List<String>> copyMulti(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((name, values) -> copy.put(name, values == null ? List.of() : List.copyOf(values)));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
