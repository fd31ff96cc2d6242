package dev.apigw.protocol.websocket;

import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * A WebSocket API's own settings (apigatewayv2 {@code Api} with {@code protocolType: WEBSOCKET}). As
 * a partial update (UpdateApi), null fields mean "unchanged".
 *
 * @param apiId 10 lowercase alphanumerics
 * @param name 1-128 characters
 * @param description optional
 * @param routeSelectionExpression how a message selects its route, e.g. {@code $request.body.action}
 * @param apiKeySelectionExpression where the API key is, default {@code $request.header.x-api-key}
 * @param disableExecuteApiEndpoint whether the default endpoint is off
 * @param version optional
 * @param tags tags on the API
 * @param createdDate when created
 */
public record WebSocketApi(
    String apiId,
    String name,
    String description,
    String routeSelectionExpression,
    String apiKeySelectionExpression,
    Boolean disableExecuteApiEndpoint,
    String version,
    Map<String, String> tags,
    Instant createdDate)
    implements CborSerializable {
  public WebSocketApi {
    tags = Maps.copyOrNull(tags);
  }

  /** This API with the set fields of {@code changes}; the id and creation date never change. */
  public WebSocketApi withChanges(WebSocketApi changes) {
    return new WebSocketApi(
        apiId,
        Maps.pick(changes.name(), name),
        Maps.pick(changes.description(), description),
        Maps.pick(changes.routeSelectionExpression(), routeSelectionExpression),
        Maps.pick(changes.apiKeySelectionExpression(), apiKeySelectionExpression),
        Maps.pick(changes.disableExecuteApiEndpoint(), disableExecuteApiEndpoint),
        Maps.pick(changes.version(), version),
        Maps.pick(changes.tags(), tags),
        createdDate);
  }
}
