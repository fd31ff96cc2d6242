package dev.apigw.node.dataplane.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpHeader;

/** Which headers a proxy passes on: everything but hop-by-hop headers and Pekko's own synthetic ones. */
final class ProxyHeaders {
  private static final Set<String> DROPPED = Set.of(
      "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
      "transfer-encoding", "upgrade", "host", "content-length", "content-type", "raw-request-uri", "remote-address",
      "timeout-access", "tls-session-info", "x-forwarded-host");

  private ProxyHeaders() {}

  /**
   * {@code headers} without the ones a proxy must not forward.
   *
   * @throws dev.apigw.node.dataplane.responses.GatewayError 400 when a forwarded value has a control character:
   *     Pekko's parser lets DEL through, and the client rendering would send it on raw
   */
  static List<HttpHeader> forward(Iterable<HttpHeader> headers) {
    List<HttpHeader> kept = new ArrayList<>();
    for (HttpHeader h : headers) {
      if (!DROPPED.contains(h.lowercaseName())) {
        HeaderValues.requireNoControl(h.name(), h.value());
        kept.add(h);
      }
    }
    return kept;
  }

  /** Whether {@code lowercaseName} is one a proxy drops. */
  static boolean dropped(String lowercaseName) {
    return DROPPED.contains(lowercaseName);
  }
}
