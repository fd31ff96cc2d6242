package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.observability.EndpointLines;
import dev.apigw.node.dataplane.observability.ExecutionLogLines;
import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.snapshot.StageLogging;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The execution log of one REST request, in AWS's wording, one line per event, built into {@link ExecutionLogLines}
 * (which cuts, escapes and masks): for a stage whose method logs at INFO or ERROR, written to the node's execution
 * log file; for a TestInvokeMethod, its {@code log} ({@code Execution log for request ...}, then
 * {@code <date> : <event>}), as at INFO with data trace. INFO keeps every event; ERROR keeps only a failed (5xx)
 * request's failure lines. Headers and bodies only with {@code dataTrace}.
 */
final class ExecutionLogRecorder extends StageExecutionLog {
  private static final DateTimeFormatter TEST_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** A TestInvokeMethod's {@code log}: {@code Execution log for request ...}, then {@code <date> : <event>} lines. */
  static final class TestInvokeSink implements ExecutionLogLines.Sink {
    private final String requestId;
    private String text;

    TestInvokeSink(String requestId) {
      this.requestId = requestId;
    }

    @Override
    public void startLine(StringBuilder lines, Instant now) {
      lines.append(TEST_TIME.format(now)).append(" : ");
    }

    @Override
    public void finished(String lines) {
      text = "Execution log for request " + requestId + "\n" + lines;
    }

    /** The log, once the test's response is complete. */
    String text() {
      return text;
    }
  }

  private final ExecutionLogLines lines;
  /** TestInvokeMethod's log: no Extended Request Id or usage plan lines (the test skips API keys), as at AWS. */
  private final boolean testInvoke;
  private final boolean info;
  private final boolean dataTrace;
  private final EndpointLines endpoint;
  private boolean failed;

  private ExecutionLogRecorder(RestExchange ex, StageLogging.Method method, ExecutionLogLines lines,
      boolean testInvoke) {
    this.lines = lines;
    this.testInvoke = testInvoke;
    this.info = method.level() == StageLogging.Level.INFO;
    // ERROR level logs no headers or bodies: a data trace there would only make ReadBody buffer for nothing.
    this.dataTrace = info && method.dataTrace();
    this.endpoint = new EndpointLines(lines, info, dataTrace);
    if (!testInvoke) {
      info("Extended Request Id: " + ex.extendedId);
    }
  }

  /** The stage's log of {@code ex} at {@code method}'s level, written to the node's execution log file. */
  static ExecutionLogRecorder stage(RestExchange ex, StageLogging.Method method, ExecutionLogWriter writer) {
    return new ExecutionLogRecorder(ex, method,
        ExecutionLogLines.stage(ex.address.apiId(), ex.address.stage(), ex.requestId, writer), false);
  }

  /** A TestInvokeMethod's log: every event with headers and bodies, as AWS's test log shows them. */
  static ExecutionLogRecorder testInvoke(RestExchange ex, TestInvokeSink sink) {
    return new ExecutionLogRecorder(ex, new StageLogging.Method(StageLogging.Level.INFO, true),
        new ExecutionLogLines(sink), true);
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
    if (!testInvoke) {
      usagePlan(ex);
    }
    info("Starting execution for request: " + ex.requestId);
    info("HTTP Method: " + ex.request.httpMethod() + ", Resource Path: " + ex.request.path());
    info("Method request path: " + new TreeMap<>(ex.request.pathParameters()));
    Map<String, String> query = new TreeMap<>();
    ex.request.query().forEach((k, v) -> query.put(k, String.join(",", v)));
    info("Method request query string: " + query);
    if (dataTrace) {
      info("Method request headers: " + ExecutionLogLines.headers(ex.request.headers()));
      byte[] body = ex.request.body();
      info("Method request body before transformations: " + (body == null ? "" : ExecutionLogLines.body(body)));
    }
  }

  private void usagePlan(RestExchange ex) {
    String stage = ex.address.apiId() + "/" + ex.address.stage();
    String method = "'" + ex.method.method().httpMethod() + " " + ex.resource.path() + "'";
    String key = ex.apiKey == null ? "" : ExecutionLogLines.masked(ex.apiKey.key().value());
    info("Verifying Usage Plan for request: " + ex.requestId + ". API Key: " + key + " API Stage: " + stage);
    if (ex.apiKey == null) {
      info("API Key authorized because method " + method
          + " does not require API Key. Request will not contribute to throttle or quota limits");
      info("Usage Plan check succeeded for API Key and API Stage " + stage);
    } else {
      info("API Key " + key + " authorized because method " + method + " requires API Key");
      info("Usage Plan check succeeded for API Key " + key + " and API Stage " + stage);
    }
  }

  @Override
  public void endpointRequest(HttpRequest outgoing) {
    byte[] body = outgoing.entity() instanceof HttpEntity.Strict strict ? strict.getData().toArray() : null;
    endpoint.request(outgoing.getUri().toString(), withContentType(outgoing.getHeaders(), outgoing.entity()), body);
  }

  @Override
  public void endpointRequest(String uri, byte[] body) {
    endpoint.request(uri, null, body);
  }

  @Override
  public void endpointResponse(HttpResponse response, byte[] body) {
    endpoint.response(response.status().intValue(), withContentType(response.getHeaders(), response.entity()), body);
  }

  @Override
  public void endpointResponse(int status, byte[] body) {
    endpoint.response(status, null, body);
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
          info("Method response body after transformations: " + ExecutionLogLines.body(strict.getData().toArray()));
        }
        info("Method response headers: "
            + ExecutionLogLines.headers(withContentType(response.getHeaders(), response.entity())));
      }
      info("Successfully completed execution");
    }
    if (info || failed) {
      lines.add("Method completed with status: " + status);
      lines.finish();
    }
  }

  private void info(String event) {
    if (info) {
      lines.add(event);
    }
  }

  private void error(String event) {
    lines.add(event);
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
}
