package dev.apigw.node.dataplane.observability;

import org.apache.pekko.http.javadsl.model.HttpHeader;

/**
 * The endpoint events of one request's execution log, the same for REST and WebSocket stages: {@code Endpoint request
 * URI}, its headers and body (data trace only), {@code Sending request to}, then {@code Received response. Status: N,
 * Integration latency: N ms} and the response's headers and body (data trace only). Nothing at ERROR level.
 */
public final class EndpointLines {
  private final ExecutionLogLines lines;
  private final boolean info;
  private final boolean dataTrace;
  private long sentNanos;

  /** @param dataTrace headers and bodies too (only with {@code info}) */
  public EndpointLines(ExecutionLogLines lines, boolean info, boolean dataTrace) {
    this.lines = lines;
    this.info = info;
    this.dataTrace = info && dataTrace;
  }

  /** The request sent to {@code uri}; {@code headers} and {@code body} may be null (not logged). */
  public void request(String uri, Iterable<HttpHeader> headers, byte[] body) {
    if (!info) {
      return;
    }
    lines.add("Endpoint request URI: " + uri);
    if (dataTrace) {
      if (headers != null) {
        lines.add("Endpoint request headers: " + ExecutionLogLines.headers(headers));
      }
      if (body != null) {
        lines.add("Endpoint request body after transformations: " + ExecutionLogLines.body(body));
      }
    }
    lines.add("Sending request to " + uri);
    sentNanos = System.nanoTime();
  }

  /** The answer, timed from the request; {@code headers} and {@code body} may be null (not logged). */
  public void response(int status, Iterable<HttpHeader> headers, byte[] body) {
    if (!info) {
      return;
    }
    long latency = sentNanos == 0 ? 0 : (System.nanoTime() - sentNanos) / 1_000_000;
    lines.add("Received response. Status: " + status + ", Integration latency: " + latency + " ms");
    if (dataTrace) {
      if (headers != null) {
        lines.add("Endpoint response headers: " + ExecutionLogLines.headers(headers));
      }
      if (body != null) {
        lines.add("Endpoint response body before transformations: " + ExecutionLogLines.body(body));
      }
    }
  }
}
