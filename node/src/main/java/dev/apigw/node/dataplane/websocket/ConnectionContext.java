package dev.apigw.node.dataplane.websocket;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What every event of one connection knows about it, for templates' {@code $context} and Lambda events.
 *
 * @param apiId the WebSocket API
 * @param stage the stage connected to
 * @param connectionId the connection's id
 * @param connectedAt when the handshake arrived
 * @param sourceIp the client's address
 * @param userAgent the client's User-Agent, or null
 * @param domainName the host the client connected to
 * @param headers the handshake's headers (for {@code $connect})
 * @param query the handshake's query string (for {@code $connect})
 * @param authorizer what the {@code $connect} authorizer said ({@code principalId}, its context; {@code
 *     $context.authorizer} of every route of the connection, as at AWS); empty without one
 */
record ConnectionContext(String apiId, String stage, String connectionId, Instant connectedAt, String sourceIp,
    String userAgent, String domainName, Map<String, List<String>> headers, Map<String, List<String>> query,
    Map<String, Object> authorizer) {

  ConnectionContext {
    authorizer = authorizer == null ? Map.of() : Map.copyOf(authorizer);
  }

  /**
   * What the connection keeps once it is open: as at AWS, only {@code $connect} sees the handshake's headers and
   * query string, and a browser's headers (cookies) can be kilobytes per connection.
   */
  ConnectionContext withoutHandshake() {
    return new ConnectionContext(apiId, stage, connectionId, connectedAt, sourceIp, userAgent, domainName, Map.of(),
        Map.of(), authorizer);
  }

  /** The same connection, authorized. */
  ConnectionContext withAuthorizer(Map<String, Object> context) {
    return new ConnectionContext(apiId, stage, connectionId, connectedAt, sourceIp, userAgent, domainName, headers,
        query, context);
  }
}
