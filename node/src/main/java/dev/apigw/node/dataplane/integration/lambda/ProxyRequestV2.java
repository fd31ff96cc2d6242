package dev.apigw.node.dataplane.integration.lambda;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an HTTP API's Lambda proxy event in payload format 2.0 is made of. Maps may be empty, never null.
 *
 * @param routeKey the matched route's key, e.g. {@code GET /pets/{id}} or {@code $default}
 * @param rawPath the path as received, stage included for a named stage
 * @param rawQueryString the query string as received, without {@code ?}; empty when none
 * @param headers header name to every value received (names in any case)
 * @param query decoded query parameter name to every value, in arrival order
 * @param pathParameters the route's variables, decoded
 * @param stageVariables the stage's variables
 * @param requestContext built by the caller: accountId, apiId, domainName, http, requestId, time, authorizer, ...
 * @param body the body; empty when there is none
 * @param isBase64Encoded whether the body goes into the event base64-encoded (not a text media type)
 */
public record ProxyRequestV2(
    String routeKey,
    String rawPath,
    String rawQueryString,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    Map<String, String> pathParameters,
    Map<String, String> stageVariables,
    Map<String, Object> requestContext,
    byte[] body,
    boolean isBase64Encoded) {

  public ProxyRequestV2 {
    rawQueryString = rawQueryString == null ? "" : rawQueryString;
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
    pathParameters = pathParameters == null ? Map.of() : pathParameters;
    stageVariables = stageVariables == null ? Map.of() : stageVariables;
    requestContext = requestContext == null ? Map.of() : requestContext;
    body = body == null ? new byte[0] : body;
  }
}
