package dev.apigw.node.dataplane.validation;

import java.util.List;
import java.util.Map;

/**
 * The parts of a method request that a request validator looks at. Maps are read, never copied:
 * callers must not change them while a validation runs.
 *
 * @param path path parameter name to value
 * @param querystring query string parameter name to its values, in request order
 * @param headers header name to its values; names are matched case-insensitively
 * @param contentType the request's {@code Content-Type} header, or null when absent
 * @param body the request body, empty when there is none
 */
public record ValidationInput(
    Map<String, String> path,
    Map<String, List<String>> querystring,
    Map<String, List<String>> headers,
    String contentType,
    byte[] body) {

  public ValidationInput {
    path = path == null ? Map.of() : path;
    querystring = querystring == null ? Map.of() : querystring;
    headers = headers == null ? Map.of() : headers;
    body = body == null ? new byte[0] : body;
  }

  /** The values of a header, whatever the case of its name; empty when it was not sent. */
  public List<String> header(String name) {
    List<String> exact = headers.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue() == null ? List.of() : e.getValue();
      }
    }
    return List.of();
  }
}
