package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.dataplane.observability.EndpointLines;
import dev.apigw.node.dataplane.observability.ExecutionLogLines;
import dev.apigw.node.dataplane.observability.ExecutionLogWriter;
import dev.apigw.node.dataplane.request.ExecutionTrace;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.protocol.v2.RouteSettings;
import dev.apigw.protocol.v2.Stage;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * The execution log of one WebSocket event ({@code $connect}, a message, {@code $disconnect}) on a stage whose route
 * logs ({@code routeSettings.{routeKey}.loggingLevel}, else {@code defaultRouteSettings.loggingLevel}; {@code
 * dataTraceEnabled} likewise), in the same file and line format as REST's, built into {@link ExecutionLogLines}
 * (which cuts and masks). INFO keeps every event; ERROR only an event whose integration failed. {@link #OFF} logs
 * nothing and costs a virtual call.
 */
class WebSocketExecutionLog implements ExecutionTrace {
  static final WebSocketExecutionLog OFF = new WebSocketExecutionLog();

  WebSocketExecutionLog() {}

  /** The log of {@code event} on {@code stage}: {@link #OFF} unless its route logs. */
  static WebSocketExecutionLog start(ExecutionLogWriter writer, Stage stage, WebSocketIntegrations.Event event) {
    RouteSettings own = stage.routeSettings() == null ? null : stage.routeSettings().get(event.routeKey());
    RouteSettings all = stage.defaultRouteSettings();
    String level = own != null && own.loggingLevel() != null ? own.loggingLevel()
        : all != null && all.loggingLevel() != null ? all.loggingLevel() : "OFF";
    if (!"INFO".equals(level) && !"ERROR".equals(level)) {
      return OFF;
    }
    Boolean trace = own != null && own.dataTraceEnabled() != null ? own.dataTraceEnabled()
        : all == null ? null : all.dataTraceEnabled();
    return new Recorder(writer, event, "INFO".equals(level), Boolean.TRUE.equals(trace));
  }

  /** The integration answered {@code result}, or failed with {@code failure}: the log is handed to the writer. */
  final void finished(WebSocketIntegrations.Result result, Throwable failure) {
    if (failure != null) {
      failed(failure);
    } else {
      completed(result.status());
    }
  }

  void completed(int status) {}

  void failed(Throwable failure) {}

  /** The one that writes. */
  private static final class Recorder extends WebSocketExecutionLog {
    private final ExecutionLogLines lines;
    private final WebSocketIntegrations.Event event;
    private final boolean info;
    private final boolean dataTrace;
    private final EndpointLines endpoint;

    Recorder(ExecutionLogWriter writer, WebSocketIntegrations.Event event, boolean info, boolean dataTrace) {
      ConnectionContext c = event.connection();
      this.lines = ExecutionLogLines.stage(c.apiId(), c.stage(), event.requestId(), writer);
      this.event = event;
      this.info = info;
      this.dataTrace = info && dataTrace;
      this.endpoint = new EndpointLines(lines, info, dataTrace);
      info("Extended Request Id: " + event.requestId());
      info("Starting execution for request: " + event.requestId());
      info("WebSocket Request Route: [" + event.routeKey() + "]");
      switch (event.eventType()) {
        case "CONNECT" -> info("Client [UserAgent: " + c.userAgent() + ", SourceIp: " + c.sourceIp()
            + "] is connecting to WebSocket API [" + c.apiId() + "].");
        case "MESSAGE" -> info("WebSocket API [" + c.apiId() + "] received message from client [Connection Id: "
            + c.connectionId() + "].");
        default -> info("Client [Connection Id: " + c.connectionId() + "] is disconnecting from WebSocket API ["
            + c.apiId() + "].");
      }
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
    public void endpointRequest(HttpRequest outgoing) {
      byte[] body = outgoing.entity() instanceof HttpEntity.Strict strict ? strict.getData().toArray() : null;
      endpointRequest(outgoing.getUri().toString(), body);
    }

    @Override
    public void endpointRequest(String uri, byte[] body) {
      endpoint.request(uri, null, body);
    }

    @Override
    public void endpointResponse(HttpResponse response, byte[] body) {
      endpoint.response(response.status().intValue(), null, body);
      if (dataTrace) {
        info("Endpoint response headers: " + ExecutionLogLines.headers(response.getHeaders()));
      }
    }

    @Override
    public void endpointResponse(int status, byte[] body) {
      endpoint.response(status, null, body);
    }

    @Override
    void completed(int status) {
      if (!info) {
        return;
      }
      ConnectionContext c = event.connection();
      lines.add("Method completed with status: " + status);
      switch (event.eventType()) {
        case "CONNECT" -> {
          if (status >= 200 && status < 300) {
            info("Client [Connection Id: " + c.connectionId() + "] connected to API [" + c.apiId()
                + "] successfully.");
          }
        }
        case "DISCONNECT" -> info("Client [Connection Id: " + c.connectionId() + "] disconnected from API ["
            + c.apiId() + "] with integration response status code [" + status + "].");
        default -> { }
      }
      lines.finish();
    }

    @Override
    void failed(Throwable failure) {
      Throwable t = AwsErrors.unwrap(failure);
      String why = t instanceof GatewayError g ? switch (g.responseType()) {
        case ResponseTypes.INTEGRATION_TIMEOUT -> "Execution failed due to a timeout error";
        case ResponseTypes.INTEGRATION_FAILURE ->
            "Execution failed due to configuration error: Invalid endpoint address";
        default -> "Execution failed due to an internal error";
      } : t instanceof IllegalArgumentException || t instanceof UnsupportedOperationException
          ? "Execution failed due to configuration error: " + t.getMessage()
          : "Execution failed due to an internal error";
      lines.add(why);
      lines.add("Method completed with status: 500");
      lines.finish();
    }

    private void info(String event) {
      if (info) {
        lines.add(event);
      }
    }
  }
}
