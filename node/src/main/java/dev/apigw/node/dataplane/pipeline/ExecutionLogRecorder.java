package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.snapshot.StageLogging;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The execution log of one request on a method whose level is INFO or ERROR, in AWS's wording, one line per event:
 * {@code <time> API-Gateway-Execution-Logs_{apiId}/{stage} ({requestId}) <event>}. INFO keeps every event; ERROR keeps
 * only a failed (5xx) request's failure lines. Headers and bodies only with {@code dataTrace}; credentials are masked
 * ({@code ****} and the value's last 4 characters, as AWS shows them), every event is cut at AWS's 1 KB with
 * {@code [TRUNCATED]}, and line breaks are escaped so that one event stays one line.
 */
final class ExecutionLogRecorder extends StageExecutionLog {
  /** AWS truncates execution log events at 1 KB. */
  static final int MAX_EVENT = 1024;
  private static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "x-api-key", "cookie",
      "set-cookie", "x-amz-security-token");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final String prefix;
  private final boolean info;
  private final boolean dataTrace;
  private final ExecutionLogWriter writer;
  private final StringBuilder lines = new StringBuilder(1024);
  private long sentNanos;
  private boolean failed;

  ExecutionLogRecorder(RestExchange ex, StageLogging.Method method, ExecutionLogWriter writer) {
    this.prefix = " API-Gateway-Execution-Logs_" + ex.address.apiId() + "/" + ex.address.stage() + " ("
        + ex.requestId + ") ";
    this.info = method.level() == StageLogging.Level.INFO;
    // ERROR level logs no headers or bodies: a data trace there would only make ReadBody buffer for nothing.
    this.dataTrace = info && method.dataTrace();
    this.writer = writer;
    info("Extended Request Id: " + ex.extendedId);
  }

  @Override
  public boolean enabled() {
    return info;
  }

  @Override
  public boolean dataTrace() {
    return dataTrace;
  }

  @Override
  void authorizerStarted(RestExchange ex, String authorizerId) {
    info("Starting authorizer: " + authorizerId + " for request: " + ex.requestId);
  }

  @Override
  void authorizerSucceeded() {
    info("Successfully completed authorizer execution");
  }

  @Override
  void methodRequest(RestExchange ex) {
    if (!info) {
      return;
    }
    String stage = ex.address.apiId() + "/" + ex.address.stage();
    String method = "'" + ex.method.method().httpMethod() + " " + ex.resource.path() + "'";
    String key = ex.apiKey == null ? "" : masked(ex.apiKey.key().value());
    info("Verifying Usage Plan for request: " + ex.requestId + ". API Key: " + key + " API Stage: " + stage);
    if (ex.apiKey == null) {
      info("API Key authorized because method " + method
          + " does not require API Key. Request will not contribute to throttle or quota limits");
      info("Usage Plan check succeeded for API Key and API Stage " + stage);
    } else {
      info("API Key " + key + " authorized because method " + method + " requires API Key");
      info("Usage Plan check succeeded for API Key " + key + " and API Stage " + stage);
    }
    info("Starting execution for request: " + ex.requestId);
    info("HTTP Method: " + ex.request.httpMethod() + ", Resource Path: " + ex.request.path());
    info("Method request path: " + new TreeMap<>(ex.request.pathParameters()));
    Map<String, String> query = new TreeMap<>();
    ex.request.query().forEach((k, v) -> query.put(k, String.join(",", v)));
    info("Method request query string: " + query);
    if (dataTrace) {
      info("Method request headers: " + headers(ex.request.headers()));
      byte[] body = ex.request.body();
      info("Method request body before transformations: " + (body == null ? "" : body(body)));
    }
  }

  @Override
  public void endpointRequest(HttpRequest outgoing) {
    byte[] body = outgoing.entity() instanceof HttpEntity.Strict strict ? strict.getData().toArray() : null;
    endpointRequest(outgoing.getUri().toString(), withContentType(outgoing.getHeaders(), outgoing.entity()), body);
  }

  @Override
  public void endpointRequest(String uri, byte[] body) {
    endpointRequest(uri, null, body);
  }

  private void endpointRequest(String uri, Iterable<HttpHeader> headers, byte[] body) {
    if (!info) {
      return;
    }
    info("Endpoint request URI: " + uri);
    if (dataTrace) {
      if (headers != null) {
        info("Endpoint request headers: " + headers(headers));
      }
      if (body != null) {
        info("Endpoint request body after transformations: " + body(body));
      }
    }
    info("Sending request to " + uri);
    sentNanos = System.nanoTime();
  }

  @Override
  public void endpointResponse(HttpResponse response, byte[] body) {
    endpointResponse(response.status().intValue(), withContentType(response.getHeaders(), response.entity()), body);
  }

  @Override
  public void endpointResponse(int status, byte[] body) {
    endpointResponse(status, null, body);
  }

  private void endpointResponse(int status, Iterable<HttpHeader> headers, byte[] body) {
    if (!info) {
      return;
    }
    long latency = sentNanos == 0 ? 0 : (System.nanoTime() - sentNanos) / 1_000_000;
    info("Received response. Status: " + status + ", Integration latency: " + latency + " ms");
    if (dataTrace) {
      if (headers != null) {
        info("Endpoint response headers: " + headers(headers));
      }
      if (body != null) {
        info("Endpoint response body before transformations: " + body(body));
      }
    }
  }

  @Override
  void failed(RestExchange ex, GatewayError error, String detail) {
    boolean serverSide = error.status() >= 500;
    String why = switch (error.responseType()) {
      case ResponseTypes.INTEGRATION_TIMEOUT -> "Execution failed due to a timeout error";
      case ResponseTypes.INTEGRATION_FAILURE -> "Execution failed due to configuration error: "
          + (detail == null ? "Invalid endpoint address" : detail);
      case ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR ->
          "Execution failed due to configuration error: " + (detail == null ? "Internal server error" : detail);
      default -> serverSide ? "Execution failed due to an internal error" : null;
    };
    if (serverSide) {
      failed = true;
      if (why != null) {
        error(why);
      }
      error("Gateway response type: " + error.responseType() + " with status code: " + error.status());
    } else {
      if (ResponseTypes.UNAUTHORIZED.equals(error.responseType())) {
        info("Unauthorized request: " + ex.requestId);
      }
      info("Gateway response type: " + error.responseType() + " with status code: " + error.status());
    }
  }

  @Override
  void completed(RestExchange ex, HttpResponse response) {
    int status = response.status().intValue();
    if (ex.error == null && info) {
      if (dataTrace) {
        if (response.entity() instanceof HttpEntity.Strict strict) {
          info("Method response body after transformations: " + body(strict.getData().toArray()));
        }
        info("Method response headers: " + headers(withContentType(response.getHeaders(), response.entity())));
      }
      info("Successfully completed execution");
    }
    if (info || failed) {
      lines(true, "Method completed with status: " + status);
      writer.offer(lines.toString());
    }
  }

  private void info(String event) {
    lines(info, event);
  }

  private void error(String event) {
    lines(true, event);
  }

  private void lines(boolean keep, String event) {
    if (!keep) {
      return;
    }
    String text = event.length() <= MAX_EVENT ? event : event.substring(0, MAX_EVENT) + " [TRUNCATED]";
    lines.append(TIME.format(Instant.now())).append(prefix);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lines.append("\\n");
      } else if (c == '\r') {
        lines.append("\\r");
      } else {
        lines.append(c);
      }
    }
    lines.append('\n');
  }

  private static String body(byte[] body) {
    if (body.length <= MAX_EVENT) {
      return new String(body, StandardCharsets.UTF_8);
    }
    return new String(body, 0, MAX_EVENT, StandardCharsets.UTF_8) + " [TRUNCATED]";
  }

  private static Map<String, String> headers(Map<String, List<String>> headers) {
    Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> shown.put(k, masked(k, String.join(",", v))));
    return shown;
  }

  private static Map<String, String> headers(Iterable<HttpHeader> headers) {
    Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader h : headers) {
      shown.merge(h.name(), masked(h.name(), h.value()), (a, b) -> a + "," + b);
    }
    return shown;
  }

  /** The headers as sent: Pekko keeps the entity's Content-Type apart from them. */
  private static Iterable<HttpHeader> withContentType(Iterable<HttpHeader> headers, HttpEntity entity) {
    if (entity.getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
      return headers;
    }
    List<HttpHeader> all = new ArrayList<>();
    all.add(RawHeader.create("Content-Type", entity.getContentType().toString()));
    headers.forEach(all::add);
    return all;
  }

  private static String masked(String name, String value) {
    return SECRET.contains(name.toLowerCase(Locale.ROOT)) ? masked(value) : value;
  }

  /** A credential as AWS logs one: never the value, at most its last 4 characters (none of a short value). */
  static String masked(String value) {
    return value == null || value.length() < 12 ? "****" : "****" + value.substring(value.length() - 4);
  }
}
