package dev.apigw.node.dataplane.pipeline;

import dev.apigw.protocol.restapi.Integration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A TestInvokeMethod's execution log in AWS's format ({@code Execution log for request ...}, then one
 * {@code <date> : <line>} per event). Credentials in headers are masked; bodies are cut at {@link #MAX_BODY}.
 */
final class ExecutionLog {
  static final int MAX_BODY = 1_000;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final Set<String> SECRET = Set.of("authorization", "x-api-key", "cookie", "x-amz-security-token");

  private final StringBuilder text = new StringBuilder();

  ExecutionLog(String requestId) {
    text.append("Execution log for request ").append(requestId).append('\n');
    line("Starting execution for request: " + requestId);
  }

  void methodRequest(RestExchange ex, String body) {
    line("HTTP Method: " + ex.request.httpMethod() + ", Resource Path: " + ex.request.path());
    line("Method request path: " + new TreeMap<>(ex.request.pathParameters()));
    Map<String, String> query = new TreeMap<>();
    ex.request.query().forEach((k, v) -> query.put(k, String.join(",", v)));
    line("Method request query string: " + query);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    ex.request.headers().forEach((k, v) -> headers.put(k, masked(k, String.join(",", v))));
    line("Method request headers: " + headers);
    line("Method request body before transformations: " + cut(body == null ? "" : body));
    Integration integration = ex.method.method().integration();
    if (integration != null && !"MOCK".equals(integration.type()) && integration.uri() != null) {
      line("Endpoint request URI: " + endpointUri(integration, ex));
    }
  }

  String completed(RestExchange ex, int status, String body, Map<String, String> headers, long latency) {
    if (ex.integrationStartNanos != 0 && ex.integrationEndNanos != 0) {
      line("Received response. Status: " + status + ", Integration latency: "
          + (ex.integrationEndNanos - ex.integrationStartNanos) / 1_000_000 + " ms");
    }
    if (ex.error != null) {
      line("Execution failed: " + ex.error.responseType() + " " + ex.error.getMessage());
    }
    line("Method response body after transformations: " + cut(body));
    Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> shown.put(k, masked(k, v)));
    line("Method response headers: " + shown);
    if (ex.error == null) {
      line("Successfully completed execution");
    }
    line("Method completed with status: " + status);
    return text.toString();
  }

  /** The integration's URI with its path variables filled from the method request, as far as the mapping says. */
  private static String endpointUri(Integration integration, RestExchange ex) {
    String uri = integration.uri();
    for (var e : integration.requestParameters().entrySet()) {
      if (e.getKey().startsWith("integration.request.path.") && e.getValue().startsWith("method.request.path.")) {
        String value = ex.request.pathParameters().get(e.getValue().substring("method.request.path.".length()));
        if (value != null) {
          uri = uri.replace("{" + e.getKey().substring("integration.request.path.".length()) + "}", value);
        }
      }
    }
    if ("HTTP_PROXY".equals(integration.type())) {
      for (var p : ex.request.pathParameters().entrySet()) {
        uri = uri.replace("{" + p.getKey() + "}", p.getValue()).replace("{" + p.getKey() + "+}", p.getValue());
      }
      String query = ex.http.getUri().rawQueryString().orElse("");
      if (!query.isEmpty()) {
        uri = uri + (uri.contains("?") ? "&" : "?") + query;
      }
    }
    return uri;
  }

  private static String masked(String name, String value) {
    return SECRET.contains(name.toLowerCase(Locale.ROOT)) ? "****" : value;
  }

  private static String cut(String body) {
    return body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + " [TRUNCATED]";
  }

  private void line(String line) {
    text.append(DATE.format(Instant.now())).append(" : ").append(line).append('\n');
  }

}
