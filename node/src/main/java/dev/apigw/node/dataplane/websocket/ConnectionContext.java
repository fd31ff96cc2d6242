package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.dataplane.snapshot.KeySnapshot;
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
 * @param apiKey the API key and usage plan {@code $connect} admitted the connection with (its plan's throttles and
 *     quota apply to every message of the connection); null when {@code $connect} requires no key
 */
record ConnectionContext(String apiId, String stage, String connectionId, Instant connectedAt, String sourceIp,
    String userAgent, String domainName, Map<String, List<String>> headers, Map<String, List<String>> query,
    Map<String, Object> authorizer, KeySnapshot.Admitted apiKey) {

  ConnectionContext {
    authorizer = authorizer == null ? Map.of() : Map.copyOf(authorizer);
  }

  /**
   * What the connection keeps once it is open: as at AWS, only {@code $connect} sees the handshake's headers and
   * query string, and a browser's headers (cookies) can be kilobytes per connection.
   */
  ConnectionContext withoutHandshake() {
    return new ConnectionContext(apiId, stage, connectionId, connectedAt, sourceIp, userAgent, domainName, Map.of(),
        Map.of(), authorizer, apiKey);
  }

  /** The same connection, authorized. */
  ConnectionContext withAuthorizer(Map<String, Object> context) {
    return new ConnectionContext(apiId, stage, connectionId, connectedAt, sourceIp, userAgent, domainName, headers,
        query, context, apiKey);
  }

  /** The same connection, admitted with an API key (null: none). */
  ConnectionContext withApiKey(KeySnapshot.Admitted admitted) {
    return new ConnectionContext(apiId, stage, connectionId, connectedAt, sourceIp, userAgent, domainName, headers,
        query, authorizer, admitted);
  }
}
