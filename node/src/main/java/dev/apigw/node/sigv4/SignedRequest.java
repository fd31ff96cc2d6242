package dev.apigw.node.sigv4;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an HTTP request that SigV4 covers, as received on the wire.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param rawPath the path still percent-encoded as sent; the signature covers the encoded form
 * @param rawQuery the query string without {@code '?'}, still encoded; empty when there is none
 * @param headers header names as received (any case), repeated names allowed, in arrival order
 * @param body the entity bytes, empty when there is none
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    byte[] body) {

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(headers, "headers");
    rawQuery = rawQuery == null ? "" : rawQuery;
    body = body == null ? new byte[0] : body;
  }
}
