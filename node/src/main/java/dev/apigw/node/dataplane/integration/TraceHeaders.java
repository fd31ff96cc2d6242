package dev.apigw.node.dataplane.integration;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * Trace propagation to backends: W3C {@code traceparent}/{@code tracestate} pass through as
 * received; {@code X-Amzn-Trace-Id} passes through, or is started (AWS's {@code Root=1-time-id}
 * format) when the client sent none, as API Gateway does.
 */
final class TraceHeaders {
  static final String AMZN_TRACE_ID = "X-Amzn-Trace-Id";

  private TraceHeaders() {}

  /** The trace header to add, or null when the client's own passes through. */
  static HttpHeader amznTraceId(String received) {
    if (received != null && !received.isEmpty()) {
      return null;
    }
    var random = ThreadLocalRandom.current();
    byte[] id = new byte[12];
    random.nextBytes(id);
    String root = "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(id);
    return RawHeader.create(AMZN_TRACE_ID, root);
  }

  /** {@code headers} plus a started trace id when none was received. */
  static List<HttpHeader> withTrace(List<HttpHeader> headers, String received) {
    HttpHeader started = amznTraceId(received);
    if (started == null) {
      return headers;
    }
    List<HttpHeader> all = new ArrayList<>(headers);
    all.add(started);
    return all;
  }
}
